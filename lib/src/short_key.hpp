// A key of at most 32 bytes for the per-thread caches (word_cache.hpp, piece_cache.hpp):
// zero-padded to four words, hashed and compared without a loop over its bytes or a memcmp
// call (those cost more than the rest of a cache hit).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace alam {

struct ShortKey {
  static constexpr std::size_t kMax = 32;
  std::uint64_t words[4] = {};
  std::size_t size = 0;

  // The key of text[pos, pos + size) (size <= kMax; text has n bytes, pos + size <= n).
  static ShortKey of(const char* text, std::size_t n, std::size_t pos, std::size_t size) {
    ShortKey key;
    key.size = size;
#ifdef __SSE2__
    if (pos + kMax <= n) {  // two loads, the bytes past size masked off
      const __m128i len = _mm_set1_epi8(char(size));
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + pos));
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + pos + 16));
      key.store(a, b, len);
      return key;
    }
#endif
    std::memcpy(key.words, text + pos, size);
    return key;
  }

#ifdef __SSE2__
  // The key from 32 loaded bytes of which the first len (in every byte of len) count.
  void store(__m128i a, __m128i b, __m128i len) {
    const __m128i in_a = _mm_cmpgt_epi8(
        len, _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    const __m128i in_b = _mm_cmpgt_epi8(
        len, _mm_setr_epi8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(words), _mm_and_si128(a, in_a));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(words + 2), _mm_and_si128(b, in_b));
  }
#endif

  std::uint64_t hash() const {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = (words[0] ^ 0x243F6A8885A308D3ull) * kMul;
    h = (h ^ (h >> 29) ^ words[1]) * kMul;
    h = (h ^ (h >> 29) ^ words[2]) * kMul;
    h = (h ^ (h >> 29) ^ words[3] ^ size) * kMul;
    return h ^ (h >> 32);
  }
  bool operator==(const ShortKey& o) const {
    return size == o.size && ((words[0] ^ o.words[0]) | (words[1] ^ o.words[1]) |
                              (words[2] ^ o.words[2]) | (words[3] ^ o.words[3])) == 0;
  }
};

}  // namespace alam
