// Runs a list of named X3 rules at one position and keeps the longest match.
#pragma once

#include <array>
#include <initializer_list>
#include <string_view>

#include "grammar/common.hpp"

namespace alam::grammar {

struct NamedRule {
  const char* name;
  std::optional<std::size_t> (*run)(std::string_view, std::size_t);
  // What a match must start with (one of these, read off the rule's first literals): longest()
  // tries the rule only there. None: the rule is tried everywhere.
  std::array<std::string_view, 4> starts{};

  bool may_start(std::string_view text, std::size_t pos) const {
    if (starts[0].empty()) return true;
    if (pos >= text.size()) return false;
    const std::string_view rest = text.substr(pos);
    for (std::string_view s : starts)  // the first byte first: most texts differ there
      if (!s.empty() && s[0] == rest[0] && rest.starts_with(s)) return true;
    return false;
  }
};

template <const auto& Parser>
std::optional<std::size_t> run_rule(std::string_view text, std::size_t pos) {
  return parse_at(text, pos, Parser);
}

template <typename Rules>
std::optional<Match> longest(const Rules& rules, std::string_view text, std::size_t pos) {
  std::optional<Match> best;
  for (const NamedRule& r : rules)
    if (auto end = r.may_start(text, pos) ? r.run(text, pos) : std::nullopt;
        end && (!best || *end > best->end))
      best = Match{*end, r.name, true};
  return best;
}

}  // namespace alam::grammar
