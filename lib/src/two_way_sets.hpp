// The slot array of the per-thread caches (word_cache.hpp, piece_cache.hpp): two-way
// set-associative, the least recently used way of a set replaced. All-zero bytes are its empty
// state (zeroed.hpp); what a slot holds and how a key matches it is the cache's business.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace alam {

template <typename Slot, std::size_t kSlots>
class TwoWaySets {
 public:
  static_assert(kSlots % 2 == 0 && (kSlots & (kSlots - 1)) == 0);
  static constexpr std::size_t kSets = kSlots / 2;

  // The slot of hash h's set for which matches(slot) holds (marked as used last), or nullptr.
  template <typename Matches>
  Slot* find(std::uint64_t h, Matches&& matches) {
    const std::size_t set = h & (kSets - 1);
    Slot* const ways = &slots_[2 * set];
    for (std::uint8_t w = 0; w < 2; ++w)
      if (matches(ways[w])) {
        recent_[set] = w;
        return &ways[w];
      }
    return nullptr;
  }

  // Asks the processor for hash h's set (its first way), for a find a little later.
  void prefetch(std::uint64_t h) const { __builtin_prefetch(&slots_[2 * (h & (kSets - 1))]); }

  // The slot of hash h's set to overwrite: the way not used last (now marked as used last).
  Slot& victim(std::uint64_t h) {
    const std::size_t set = h & (kSets - 1);
    const std::uint8_t w = recent_[set] ^ 1;
    recent_[set] = w;
    return slots_[2 * set + w];
  }

  // Slots by number, for callers that remember where an entry is (WordCache's wheres) or keep
  // data of their own beside each slot (PieceCache's notes).
  std::size_t index_of(const Slot& slot) const { return std::size_t(&slot - slots_.data()); }
  Slot& at(std::size_t index) { return slots_[index]; }
  // Marks slot index as the used last of its set (what find does on a match).
  void touch(std::size_t index) { recent_[index / 2] = std::uint8_t(index & 1); }
  Slot* begin() { return slots_.data(); }
  Slot* end() { return slots_.data() + kSlots; }

 private:
  std::array<Slot, kSlots> slots_;          // set k is slots 2k and 2k + 1
  std::array<std::uint8_t, kSets> recent_;  // the way of each set used last
};

}  // namespace alam
