// Person and organisation grammars over token classes (token_classes.hpp).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "alam/span.hpp"

namespace alam::grammar {

struct TokenMatch {
  std::size_t first = 0;  // token range [first, last) of the name
  std::size_t last = 0;
  EntityType type = EntityType::kPerson;
  const char* rule = "";
};

// Runs the person and organisation rules at every token position of `classes` (one class
// character per token) and appends each match. Linear in the number of tokens. Each rule is
// tried only where the class of the token can start it; every_rule (for tests) tries them all.
void match_names(std::string_view classes, std::vector<TokenMatch>& out, bool every_rule = false);

}  // namespace alam::grammar
