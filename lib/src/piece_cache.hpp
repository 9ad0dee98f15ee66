// What normalizing and tokenizing one piece of text gave, remembered per thread for
// Normalizer::normalize_and_tokenize. A piece runs from an ASCII space (or the text start) to the
// next: " وأشار", " الصناعة،". News text repeats its pieces (in the benchmark corpus 88 % of
// them are among the last 4,096 seen), and a piece that starts with a space normalizes and
// tokenizes the same wherever it stands, so a repeated piece costs one hash probe and a few
// copies instead of a pass of each stage over its bytes.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "alam/tokenizer.hpp"
#include "short_key.hpp"
#include "two_way_sets.hpp"
#include "zeroed.hpp"

namespace alam {

// One remembered piece: one 128-byte slot of the cache, two cache lines (a hit reads both).
struct alignas(64) Piece {
  static constexpr std::size_t kMaxKey = 24;   // original bytes (99.7 % of the benchmark
                                               // corpus's pieces; longer ones are not kept)
  static constexpr std::size_t kMaxText = 24;  // normalized bytes
  static constexpr std::size_t kMaxTokens = 5;
  struct PieceToken {
    std::uint8_t begin, end;  // into text
    Script script;
    bool space_before;
  };
  std::uint64_t serial;  // of the normalizer (its rules) that made it; 0: empty
  std::uint64_t key[3];  // the original bytes, zero-padded: ShortKey::words[0, 3)
  std::uint8_t key_size;
  std::uint8_t text_len;
  std::uint8_t token_count;
  char text[kMaxText];
  PieceToken tokens[kMaxTokens];
  std::uint8_t src_begin[kMaxText];  // the offset map, relative to the piece's original start
  std::uint8_t src_end[kMaxText];

  bool holds(std::uint64_t s, const ShortKey& k) const {
    return serial == s && key_size == k.size &&
           ((key[0] ^ k.words[0]) | (key[1] ^ k.words[1]) | (key[2] ^ k.words[2])) == 0;
  }
};
static_assert(sizeof(Piece) == 128 && Piece::kMaxText % 8 == 0);  // add_offsets: blocks of 8

// The piece of text[0, n) that starts at pos: its end (the next ASCII space after pos, or n)
// in next, and, when it is at most Piece::kMaxKey bytes long, its key (returns true; the key's
// fourth word is then zero).
inline bool next_piece(const char* text, std::size_t n, std::size_t pos, std::size_t& next,
                       ShortKey& key) {
  static_assert(Piece::kMaxKey <= ShortKey::kMax && Piece::kMaxKey > 16);
#ifdef __SSE2__
  if (pos + 32 <= n) {  // one look at 32 bytes finds the end and makes the key
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + pos));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + pos + 16));
    const __m128i space = _mm_set1_epi8(' ');
    const std::uint32_t spaces =
        (std::uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(a, space))) |
         std::uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(b, space))) << 16) &
        ~1u;  // the piece's own space
    if (spaces == 0) {
      const void* sp = std::memchr(text + pos + 32, ' ', n - pos - 32);
      next = sp ? std::size_t(static_cast<const char*>(sp) - text) : n;
      return false;
    }
    const auto size = std::size_t(__builtin_ctz(spaces));
    next = pos + size;
    if (size > Piece::kMaxKey) return false;
    key.size = size;
    key.store(a, b, _mm_set1_epi8(char(size)));
    return true;
  }
#endif
  const void* sp = pos + 1 < n ? std::memchr(text + pos + 1, ' ', n - pos - 1) : nullptr;
  next = sp ? std::size_t(static_cast<const char*>(sp) - text) : n;
  if (next - pos > Piece::kMaxKey) return false;
  key = ShortKey::of(text, n, pos, next - pos);
  return true;
}

// What a caller of Normalizer::normalize_and_tokenize keeps with the tokens of each remembered
// piece (the tagger: a summary of each token's word facts, so that a repeated piece costs it no
// second lookup per token): one nonzero 64-bit note per token, whose meaning is the caller's.
// Notes are valid for one owner, a number that changes whenever what the notes say could change.
class PieceAnnotator {
 public:
  virtual std::uint64_t owner() const = 0;  // nonzero
  // Notes for tokens[0, count) of text, a piece just normalized and tokenized (the tokens'
  // offsets are into text); 0 for a token without one.
  virtual void annotate(std::string_view text, const Token* tokens, std::size_t count,
                        std::uint64_t* notes) = 0;

 protected:
  ~PieceAnnotator() = default;
};

// The notes kept with one piece, and their owner (0: none).
struct PieceNotes {
  std::uint64_t owner;
  std::uint64_t notes[Piece::kMaxTokens];
};

// Pieces in two-way sets (two_way_sets.hpp). Entries carry the serial number of the normalizer
// (its rules) that made them.
class PieceCache {
 public:
  // The hash of key in the cache of normalizer serial.
  static std::uint64_t hash(std::uint64_t serial, const ShortKey& key) {
    return key.hash() ^ (serial * 0x9E3779B97F4A7C15ull);
  }
  // Asks the processor for where a find of hash h will look (the next piece's, while this
  // one is copied out: a slot is an L1 miss).
  void prefetch(std::uint64_t h) const { sets_.prefetch(h); }
  // The piece remembered for key (of hash h), or nullptr.
  const Piece* find(std::uint64_t serial, const ShortKey& key, std::uint64_t h) {
    return sets_.find(h, [&](const Piece& p) { return p.holds(serial, key); });
  }

  // Where to remember key (hash h from find): the set's least recently used way, with its key
  // set; the caller fills in the rest.
  Piece& slot_for(std::uint64_t serial, const ShortKey& key, std::uint64_t h) {
    Piece& p = sets_.victim(h);
    notes_of(p).owner = 0;
    p.serial = serial;
    for (int k = 0; k < 3; ++k) p.key[k] = key.words[k];
    p.key_size = std::uint8_t(key.size);
    return p;
  }

  // The notes kept with a piece of this cache (cleared when its slot is given to another).
  PieceNotes& notes_of(const Piece& piece) { return notes_[sets_.index_of(piece)]; }
  // Drops every piece's notes.
  void forget_notes() {
    for (PieceNotes& n : notes_) n.owner = 0;
  }

  // This thread's cache.
  static PieceCache& local() { return per_thread_zeroed<PieceCache>(); }

 private:
  static constexpr std::size_t kSlots = 4096;
  TwoWaySets<Piece, kSlots> sets_;         // 512 KB
  std::array<PieceNotes, kSlots> notes_;  // 192 KB, touched only by callers that annotate
};

}  // namespace alam
