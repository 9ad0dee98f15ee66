#include "grammar/lexicon.hpp"

#include <string>
#include <vector>

#include "flat_hash.hpp"
#include "grammar/chip.hpp"
#include "grammar/numeric.hpp"
#include "grammar/token_classes.hpp"

namespace alam::grammar {
namespace {

StringMap<WordInfo> build() {
  std::vector<std::pair<std::string, WordInfo>> merged;
  auto entry = [&](std::string_view w) -> WordInfo& {
    for (auto& [word, info] : merged)
      if (word == w) return info;
    merged.emplace_back(std::string(w), WordInfo{});
    return merged.back().second;
  };
  for (const auto& [c, words] : class_word_lists())
    for (std::string_view w : words) {
      WordInfo& info = entry(w);
      if (!info.word_class) info.word_class = c;  // the first list wins
    }
  for (std::string_view w : chip_cue_words()) entry(w).chip_cue = true;
  for (const std::string& w : money_start_words())
    entry(std::string_view(w).substr(0, w.find(' '))).money_start = true;
  for (const std::string& w : date_start_words())
    entry(std::string_view(w).substr(0, w.find(' '))).date_start = true;
  std::vector<std::pair<std::string_view, WordInfo>> view;
  for (const auto& [w, info] : merged) view.emplace_back(w, info);
  return StringMap<WordInfo>(view);
}

}  // namespace

const WordInfo* lookup_word(std::string_view w) {
  static const StringMap<WordInfo> kLexicon = build();
  return kLexicon.find(w);
}

NumericStarts numeric_starts_at(std::string_view w) {
  return w.empty() ? NumericStarts{} : numeric_starts(static_cast<unsigned char>(w[0]), lookup_word(w));
}

bool may_start_numeric(std::string_view w) { return numeric_starts_at(w).any(); }

}  // namespace alam::grammar
