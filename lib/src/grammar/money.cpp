#include "grammar/money_def.hpp"

#include <array>

#include "grammar/longest.hpp"
#include "grammar/numeric.hpp"

namespace alam::grammar {

std::optional<Match> match_money(std::string_view text, std::size_t pos) {
  static const std::array<NamedRule, 3> kRules{{
      {"money.arabic", &run_rule<money::arabic>},
      {"money.sign_first", &run_rule<money::sign_first>},
      {"money.amount_first", &run_rule<money::amount_first>},
  }};
  return longest(kRules, text, pos);
}

}  // namespace alam::grammar
