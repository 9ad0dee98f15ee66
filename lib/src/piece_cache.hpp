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

#include "alam/tokenizer.hpp"
#include "flat_hash.hpp"

namespace alam {

struct Piece {
  static constexpr std::size_t kMaxKey = 32;    // original bytes (longer pieces are not kept)
  static constexpr std::size_t kMaxText = 48;   // normalized bytes (a multiple of 16)
  static constexpr std::size_t kMaxTokens = 6;
  struct PieceToken {
    std::uint8_t begin, end;  // into text
    Script script;
    bool space_before;
  };
  std::uint8_t text_len = 0;
  std::uint8_t token_count = 0;
  char text[kMaxText];
  std::uint8_t src_begin[kMaxText];  // the offset map, relative to the piece's original start
  std::uint8_t src_end[kMaxText];
  PieceToken tokens[kMaxTokens];
};

// Two-way set-associative, the least recently used way replaced. Entries carry the serial
// number of the normalizer (its rules) that made them.
class PieceCache {
 public:
  static constexpr std::size_t kSlots = 4096;
  static constexpr std::size_t kSets = kSlots / 2;

  // The piece remembered for key (at most Piece::kMaxKey bytes), or nullptr; and key's hash.
  std::pair<const Piece*, std::uint64_t> find(std::uint64_t serial, std::string_view key) {
    const std::uint64_t h = hash_bytes(key) ^ (serial * 0x9E3779B97F4A7C15ull);
    const std::size_t set = h & (kSets - 1);
    const Slot* const ways = &slots_[2 * set];
    for (std::uint8_t w = 0; w < 2; ++w) {
      const Slot& s = ways[w];
      if (s.hash == h && s.serial == serial && s.key_len == key.size() &&
          std::memcmp(s.key, key.data(), key.size()) == 0) {
        recent_[set] = w;
        return {&s.piece, h};
      }
    }
    return {nullptr, h};
  }

  // Where to remember key (hash h from find): the set's least recently used way.
  Piece& slot_for(std::uint64_t serial, std::string_view key, std::uint64_t h) {
    const std::size_t set = h & (kSets - 1);
    const std::uint8_t victim = recent_[set] ^ 1;
    recent_[set] = victim;
    Slot& s = slots_[2 * set + victim];
    s.hash = h;
    s.serial = serial;
    s.key_len = std::uint8_t(key.size());
    std::memcpy(s.key, key.data(), key.size());
    return s.piece;
  }

  // This thread's cache.
  static PieceCache& local() {
    thread_local const std::unique_ptr<PieceCache> cache = std::make_unique<PieceCache>();
    return *cache;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint64_t serial = 0;  // 0: empty (serials start at 1)
    std::uint8_t key_len = 0;
    char key[Piece::kMaxKey];
    Piece piece;
  };
  std::array<Slot, kSlots> slots_{};
  std::array<std::uint8_t, kSets> recent_{};
};

}  // namespace alam
