// Arabic proclitic analysis: the ways an Arabic token can split into proclitics and a stem.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace alam {

struct WordFacts;

struct Stem {
  std::uint32_t skip = 0;  // bytes of proclitic letters at the token's start (outside the span)
  std::string_view key;    // the stem's lookup form
  bool restored = false;   // key is not a slice of the token: ل + ال written لل, alif restored
};

// The stems of one token, without heap allocation on the hot path. Views stay valid until the
// next split()/whole() call.
class Stems {
 public:
  // Splits of a normalized Arabic token, unsplit first: conjunction (و ف) and/or preposition
  // (ب ك ل), and the لل contraction of ل + ال, where the key gets its alif back (للصين → skip
  // ل, key الصين). Stems keep at least two letters. The future marker س is never split (it
  // precedes verbs, never names).
  void split(std::string_view token);
  // The token alone (non-Arabic tokens).
  void whole(std::string_view token);
  // The stems split() or whole() gave for token before, as remembered in facts (word_cache.hpp).
  void assign(std::string_view token, const WordFacts& facts);

  const Stem* begin() const { return items_.data(); }
  const Stem* end() const { return items_.data() + size_; }
  std::size_t size() const { return size_; }
  const Stem& operator[](std::size_t i) const { return items_[i]; }

 private:
  std::array<Stem, 16> items_{};
  std::size_t size_ = 0;
  std::array<std::string, 3> restored_;  // stable storage for restored keys
  std::size_t restored_count_ = 0;
};

// The token without a leading article ال (for cue words such as الرقائق), or the token itself.
std::string_view strip_article(std::string_view token);

}  // namespace alam
