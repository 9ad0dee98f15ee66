#include "grammar/percent_def.hpp"

#include <array>

#include "grammar/longest.hpp"
#include "grammar/numeric.hpp"

namespace alam::grammar {

std::optional<Match> match_percent(std::string_view text, std::size_t pos) {
  static const std::array<NamedRule, 2> kRules{{
      {"percent.suffixed", &run_rule<percent::suffixed>},
      {"percent.prefixed", &run_rule<percent::prefixed>},
  }};
  return longest(kRules, text, pos);
}

// What percent.suffixed accepts after a number and its spaces, besides '%' and the '-' of a
// range: the percent words.
std::vector<std::string> percent_follow_words() {
  std::vector<std::string> out;
  percent::percent_word.for_each([&](const std::string& word, int) { out.push_back(word); });
  return out;
}

}  // namespace alam::grammar
