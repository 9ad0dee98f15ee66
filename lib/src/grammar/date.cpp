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

namespace {
std::vector<std::string> words_of(std::initializer_list<const x3::symbols<int>*> tables) {
  std::vector<std::string> out;
  for (const x3::symbols<int>* t : tables)
    t->for_each([&](const std::string& word, int) { out.push_back(word); });
  return out;
}
}  // namespace

std::vector<std::string> numeric_words() {
  return words_of({std::addressof(money::scale), std::addressof(money::dual_scale),
                   std::addressof(money::currency), std::addressof(money::nationality),
                   std::addressof(money::latin_scale), std::addressof(money::latin_currency),
                   std::addressof(money::currency_sign), std::addressof(percent::percent_word),
                   std::addressof(date::month), std::addressof(date::ordinal)});
}

// What the rules of money_def.hpp and date_def.hpp begin with, besides number and digits:
// money.arabic (number | dual_scale | scale), money.sign_first (currency_sign; its signs $ € £ ¥
// are also bytes the gate knows), date.full (ordinal | month_expr, which begins with month),
// date.month_year (month_expr). Percent rules begin with a number or '%' only.
std::vector<std::string> money_start_words() {
  return words_of({std::addressof(money::scale), std::addressof(money::dual_scale),
                   std::addressof(money::currency_sign)});
}
std::vector<std::string> date_start_words() {
  return words_of({std::addressof(date::month), std::addressof(date::ordinal)});
}
std::vector<std::string> numeric_start_words() {
  std::vector<std::string> out = money_start_words();
  for (std::string& w : date_start_words()) out.push_back(std::move(w));
  return out;
}

// What date.full accepts after a day number and its spaces: a month (month_expr).
std::vector<std::string> date_follow_words() { return words_of({std::addressof(date::month)}); }

}  // namespace alam::grammar
