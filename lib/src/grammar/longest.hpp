// Runs a list of named X3 rules at one position and keeps the longest match.
#pragma once

#include <initializer_list>

#include "grammar/common.hpp"

namespace alam::grammar {

struct NamedRule {
  const char* name;
  std::optional<std::size_t> (*run)(std::string_view, std::size_t);
};

template <const auto& Parser>
std::optional<std::size_t> run_rule(std::string_view text, std::size_t pos) {
  return parse_at(text, pos, Parser);
}

template <typename Rules>
std::optional<Match> longest(const Rules& rules, std::string_view text, std::size_t pos) {
  std::optional<Match> best;
  for (const NamedRule& r : rules)
    if (auto end = r.run(text, pos); end && (!best || *end > best->end))
      best = Match{*end, r.name, true};
  return best;
}

}  // namespace alam::grammar
