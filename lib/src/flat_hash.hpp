// Hashing and open-addressing helpers for the gazetteer's flat lookup tables.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

namespace alam {

// A fast 64-bit hash of a short byte string (tokens are a few dozen bytes at most).
inline std::uint64_t hash_bytes(std::string_view s) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x243F6A8885A308D3ull ^ (s.size() * kMul);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    // The last n (< 8) bytes as the low bytes of w, the rest zero (a little-endian load),
    // without a variable-length memcpy (a libc call).
    std::uint64_t w = 0;
    if (s.size() >= 8) {
      std::memcpy(&w, p + n - 8, 8);  // the word ending at the end; its first 8 - n bytes hashed already
      w >>= 8 * (8 - n);
    } else {
      if (n >= 4) {
        std::uint32_t lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + n - 4, 4);  // bytes n-4 … n-1: the top n-4 of them are bytes 4 …
        w = std::uint64_t(lo) | (std::uint64_t(hi) >> 8 * (8 - n)) << 32;
      } else {
        w = static_cast<unsigned char>(p[0]);
        if (n >= 2) w |= std::uint64_t(static_cast<unsigned char>(p[1])) << 8;
        if (n == 3) w |= std::uint64_t(static_cast<unsigned char>(p[2])) << 16;
      }
    }
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  h *= kMul;
  return h ^ (h >> 32);
}

inline std::uint64_t hash_pair(std::uint32_t a, std::uint32_t b) {
  std::uint64_t h = (std::uint64_t(a) << 32 | b) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 31);
}

// Slot count for n entries: a power of two at most half full.
inline std::size_t slot_count(std::size_t n) {
  std::size_t s = 16;
  while (s < 2 * n + 1) s <<= 1;
  return s;
}

}  // namespace alam

namespace alam {

// An immutable map from strings to small values with open addressing over hash_bytes: cheaper
// than std::unordered_map for the short words the grammars test on the hot path. The first
// value given for a word is kept.
template <typename V>
class StringMap {
 public:
  StringMap() = default;
  explicit StringMap(const std::vector<std::pair<std::string_view, V>>& entries)
      : slots_(slot_count(entries.size()), 0) {
    for (const auto& [w, v] : entries) insert(w, v);
  }

  // The value for w, or nullptr.
  const V* find(std::string_view w) const {
    if (slots_.empty()) return nullptr;
    const std::uint64_t h = hash_bytes(w);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = h & mask;; s = (s + 1) & mask) {
      const std::uint32_t v = slots_[s];
      if (v == 0) return nullptr;
      if (entries_[v - 1].first == w) return &entries_[v - 1].second;
    }
  }

 private:
  void insert(std::string_view w, const V& value) {
    if (find(w)) return;
    entries_.emplace_back(std::string(w), value);
    const std::size_t mask = slots_.size() - 1;
    std::size_t s = hash_bytes(w) & mask;
    while (slots_[s] != 0) s = (s + 1) & mask;
    slots_[s] = std::uint32_t(entries_.size());
  }
  std::vector<std::pair<std::string, V>> entries_;
  std::vector<std::uint32_t> slots_;
};

// An immutable set of strings (a StringMap without values).
class StringSet {
 public:
  StringSet() = default;
  template <typename Range>
  explicit StringSet(const Range& words) {
    std::vector<std::pair<std::string_view, char>> entries;
    for (const auto& w : words) entries.emplace_back(std::string_view(w), 1);
    map_ = StringMap<char>(entries);
  }
  StringSet(std::initializer_list<std::string_view> words)
      : StringSet(std::vector<std::string_view>(words)) {}
  bool contains(std::string_view w) const { return map_.find(w) != nullptr; }

 private:
  StringMap<char> map_;
};

// A growing open-addressing table of indices into the caller's records, kept at most half
// full, for maps built one record at a time (the gazetteer parser's ids, the image builder's
// vocabulary and trie edges). Slots hold index + 1 in 32 bits, as a gazetteer image does. The
// caller hashes and compares; hash_of(index) rehashes a record when the table grows.
template <typename HashOf>
class IndexTable {
 public:
  static constexpr std::size_t kAbsent = std::size_t(-1);

  explicit IndexTable(HashOf hash_of) : hash_of_(std::move(hash_of)) {}

  // The index with hash h for which same(index) holds, or kAbsent.
  template <typename Same>
  std::size_t find(std::uint64_t h, Same&& same) const {
    if (slots_.empty()) return kAbsent;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = h & mask; slots_[s] != 0; s = (s + 1) & mask)
      if (same(slots_[s] - 1)) return slots_[s] - 1;
    return kAbsent;
  }
  // Adds index (hash h), which find does not hold yet.
  void add(std::uint64_t h, std::size_t index) {
    if (index >= 0xFFFFFFFFu)
      throw std::length_error("alam: more than 2^32 - 1 records in a table");
    if (2 * (count_ + 1) > slots_.size()) grow();
    place(h, index);
    ++count_;
  }

 private:
  void place(std::uint64_t h, std::size_t index) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t s = h & mask;
    while (slots_[s] != 0) s = (s + 1) & mask;
    slots_[s] = std::uint32_t(index + 1);
  }
  void grow() {
    std::vector<std::uint32_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), 0);
    for (const std::uint32_t v : old)
      if (v != 0) place(hash_of_(v - 1), v - 1);
  }
  HashOf hash_of_;
  std::vector<std::uint32_t> slots_;
  std::size_t count_ = 0;
};

}  // namespace alam
