#include "grammar/date_def.hpp"


#include <array>
#include <memory>

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

std::vector<std::string> numeric_words() {
  std::vector<std::string> out;
  auto collect = [&](const x3::symbols<int>& table) {
    table.for_each([&](const std::string& word, int) { out.push_back(word); });
  };
  for (const x3::symbols<int>* t : std::initializer_list<const x3::symbols<int>*>
       {std::addressof(money::scale), std::addressof(money::dual_scale),
        std::addressof(money::currency), std::addressof(money::nationality),
        std::addressof(money::latin_scale), std::addressof(money::latin_currency),
        std::addressof(money::currency_sign), std::addressof(percent::percent_word),
        std::addressof(date::month), std::addressof(date::ordinal)})
    collect(*t);
  return out;
}

}  // namespace alam::grammar
