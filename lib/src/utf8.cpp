#include "alam/utf8.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace alam::utf8 {

Decoded decode(std::string_view text, std::size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned char b0 = s[pos];
  if (b0 < 0x80) return {b0, 1, true};
  auto cont = [&](std::size_t i) { return i < n && (s[i] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (cont(pos + 1)) return {char32_t((b0 & 0x1F) << 6 | (s[pos + 1] & 0x3F)), 2, true};
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (cont(pos + 1) && cont(pos + 2)) {
      char32_t cp = (b0 & 0x0F) << 12 | (s[pos + 1] & 0x3F) << 6 | (s[pos + 2] & 0x3F);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3, true};
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (cont(pos + 1) && cont(pos + 2) && cont(pos + 3)) {
      char32_t cp = (b0 & 0x07) << 18 | (s[pos + 1] & 0x3F) << 12 | (s[pos + 2] & 0x3F) << 6 |
                    (s[pos + 3] & 0x3F);
      if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4, true};
    }
  }
  return {kReplacement, 1, false};
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

namespace {

// The size of the well-formed sequence at s[i] (1 to 4), or 0 when s[i] is a bad byte. The
// common cases (ASCII, two-byte letters such as Arabic) are inline; the rest is decode().
inline std::size_t sequence_size(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < s.size() &&
      (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80)
    return 2;
  const Decoded d = decode(s, i);
  return d.valid ? d.size : 0;
}

}  // namespace

namespace {

// Eight bytes at a time for text of ASCII and two-byte characters (Arabic, Latin accents): true
// when the word at p holds only well-formed such sequences, with adv the bytes it covers (7 when
// its last byte starts a pair that ends in the next word). False sends the caller to decode().
inline bool ascii_or_pairs8(const char* p, std::size_t& adv) {
  constexpr std::uint64_t k80 = 0x8080808080808080ull, k7f = 0x7F7F7F7F7F7F7F7Full;
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  const std::uint64_t hi = w & k80;
  adv = 8;
  if (hi == 0) return true;
  const std::uint64_t b6 = (w << 1) & k80, b5 = (w << 2) & k80;  // bits 6 and 5, at bit 7
  std::uint64_t lead = hi & b6;
  const std::uint64_t cont = hi & ~b6;
  if (lead & b5) return false;  // E0–FF: longer sequences (or bad bytes)
  const std::uint64_t t = w & 0x1E1E1E1E1E1E1E1Eull;  // C0, C1 (overlong): bits 4–1 clear
  if (lead & ~((t & k7f) + k7f) & k80) return false;
  if (lead >> 63) {
    lead &= ~(0x80ull << 56);
    adv = 7;
  }
  return cont == lead << 8;  // each continuation byte right after a lead byte, and only there
}

#ifdef __SSE2__
// The same test for sixteen bytes (SSE2 is part of x86-64): adv is 16, or 15 when the last byte
// is a lead byte (its continuation is in the next block).
inline bool ascii_or_pairs16(const char* p, std::size_t& adv) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const unsigned hi = unsigned(_mm_movemask_epi8(v));
  adv = 16;
  if (hi == 0) return true;
  // As signed bytes: continuation 80–BF is -128…-65, a two-byte lead C2–DF is -62…-33.
  const unsigned cont = unsigned(_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64))));
  unsigned lead = unsigned(_mm_movemask_epi8(_mm_and_si128(
      _mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32)))));
  if ((lead | cont) != hi) return false;  // C0, C1, E0–FF: overlong, longer or bad
  if (lead & 0x8000u) {
    lead &= 0x7FFFu;
    adv = 15;
  }
  return cont == lead << 1;  // each continuation byte right after a lead byte, and only there
}
#endif

}  // namespace

std::size_t first_invalid(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    std::size_t adv;
#ifdef __SSE2__
    if (i + 16 <= n && ascii_or_pairs16(text.data() + i, adv)) {
      i += adv;
      continue;
    }
#endif
    if (i + 8 <= n && ascii_or_pairs8(text.data() + i, adv)) {
      i += adv;
      continue;
    }
    // Sequence by sequence past this word.
    const std::size_t stop = std::min(n, i + 8);
    while (i < stop) {
      const std::size_t k = sequence_size(text, i);
      if (k == 0) return i;
      i += k;
    }
  }
  return std::string_view::npos;
}

std::size_t count_codepoints(std::string_view text, bool known_valid) {
  if (known_valid || first_invalid(text) == std::string_view::npos) {
    // Valid UTF-8: every byte but continuation bytes (10xxxxxx) starts a code point. Eight
    // bytes at a time: bit 7 set and bit 6 clear.
    std::size_t cont = 0, i = 0;
    const std::size_t n = text.size();
#ifdef __SSE2__
    // Sixteen bytes at a time: a continuation byte is < -64 as a signed byte; each becomes a
    // 1 and _mm_sad_epu8 adds them up in the two halves.
    for (; i + 16 <= n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i ones = _mm_and_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)), _mm_set1_epi8(1));
      const __m128i sums = _mm_sad_epu8(ones, _mm_setzero_si128());
      cont += std::size_t(_mm_cvtsi128_si32(sums)) +
              std::size_t(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    }
#endif
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      // One bit per continuation byte, moved to the byte's low bit; the multiply adds the eight
      // bytes into the top one (at most 8: no carry). A popcount would be a libgcc call on
      // baseline x86-64.
      const std::uint64_t marks = (w & ~(w << 1) & 0x8080808080808080ull) >> 7;
      cont += std::size_t((marks * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; ++i) cont += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
    return n - cont;
  }
  std::size_t count = 0, i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const std::size_t k = sequence_size(text, i);
    i += k == 0 ? 1 : k;
    ++count;
  }
  return count;
}

std::string sanitize(std::string_view text) {
  std::size_t bad = first_invalid(text);
  if (bad == std::string_view::npos) return std::string(text);
  std::string out(text.substr(0, bad));
  out.reserve(text.size() + 16);
  for (std::size_t i = bad; i < text.size();) {
    Decoded d = decode(text, i);
    if (d.valid)
      out.append(text.substr(i, d.size));
    else
      append(out, kReplacement);
    i += d.size;
  }
  return out;
}

std::size_t codepoint_offset(std::string_view text, std::size_t byte_offset) {
  return count_codepoints(text.substr(0, std::min(byte_offset, text.size())));
}

OffsetConverter::OffsetConverter(std::string_view text) {
  if (text.size() >= UINT32_MAX) throw std::length_error("alam: text larger than 4 GiB");
  cp_to_byte_.reserve(text.size() + 1);
  cp_to_utf16_.reserve(text.size() + 1);
  std::uint32_t u16 = 0;
  for (std::size_t i = 0; i < text.size();) {
    cp_to_byte_.push_back(std::uint32_t(i));
    cp_to_utf16_.push_back(u16);
    Decoded d = static_cast<unsigned char>(text[i]) < 0x80 ? Decoded{char32_t(text[i]), 1, true}
                                                           : decode(text, i);
    u16 += d.cp >= 0x10000 ? 2 : 1;
    i += d.size;
  }
  cp_to_byte_.push_back(std::uint32_t(text.size()));
  cp_to_utf16_.push_back(u16);
}

std::size_t OffsetConverter::to_codepoint(std::size_t byte_offset) const {
  auto it = std::lower_bound(cp_to_byte_.begin(), cp_to_byte_.end(), byte_offset);
  return std::size_t(it - cp_to_byte_.begin());
}

std::size_t OffsetConverter::to_utf16(std::size_t byte_offset) const {
  return cp_to_utf16_[to_codepoint(byte_offset)];
}

std::size_t OffsetConverter::to_byte(std::size_t cp_offset) const {
  return cp_to_byte_[std::min(cp_offset, cp_to_byte_.size() - 1)];
}

}  // namespace alam::utf8
