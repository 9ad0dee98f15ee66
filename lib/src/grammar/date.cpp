#include "grammar/date_def.hpp"

#include "flat_hash.hpp"

#include <array>
#include <memory>
#include <unordered_set>

#include "grammar/longest.hpp"
#include "grammar/money_def.hpp"
#include "grammar/numeric.hpp"
#include "grammar/percent_def.hpp"

namespace alam::grammar {

std::optional<Match> match_date(std::string_view text, std::size_t pos) {
  static const std::array<NamedRule, 4> kRules{{
      {"date.full", &run_rule<date::full>},
      {"date.month_year", &run_rule<date::month_year>},
      {"date.numeric", &run_rule<date::numeric>},
      {"date.year_only", &run_rule<date::year_only>},
  }};
  return longest(kRules, text, pos);
}

bool may_start_numeric(std::string_view word) {
  if (word.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(word[0]);
  if ((c >= '0' && c <= '9') || c == '$' || c == '%') return true;
  // First words of every multi-word entry of the word lists, built once.
  struct Starts {
    std::vector<std::string> words = numeric_words();
    StringSet first_words;
    std::vector<bool> first_two_bytes = std::vector<bool>(0x10000);  // quick rejection
    Starts() {
      std::vector<std::string_view> firsts;
      for (const std::string& w : words) {
        firsts.push_back(std::string_view(w).substr(0, w.find(' ')));
        if (w.size() >= 2) first_two_bytes[std::uint8_t(w[0]) << 8 | std::uint8_t(w[1])] = true;
      }
      first_words = StringSet(firsts);
    }
  };
  static const Starts kStarts;
  if (word.size() < 2 || !kStarts.first_two_bytes[c << 8 | std::uint8_t(word[1])]) return false;
  return kStarts.first_words.contains(word);
}

std::vector<std::string> numeric_words() {
  std::vector<std::string> out;
  auto collect = [&](const x3::symbols<int>& table) {
    table.for_each([&](const std::string& word, int) { out.push_back(word); });
  };
  for (const x3::symbols<int>* t :
       {std::addressof(money::scale), std::addressof(money::dual_scale),
        std::addressof(money::currency), std::addressof(money::nationality),
        std::addressof(money::latin_scale), std::addressof(money::latin_currency),
        std::addressof(money::currency_sign), std::addressof(percent::percent_word),
        std::addressof(date::month), std::addressof(date::ordinal)})
    collect(*t);
  return out;
}

}  // namespace alam::grammar
