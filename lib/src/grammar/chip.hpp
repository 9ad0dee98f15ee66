// Chip-model grammar (Spirit X3): vendor model codes and named product lines.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "grammar/common.hpp"

namespace alam::grammar {

// The longest chip mention starting at normalized byte pos, if any. Bare codes that are also
// ordinary strings (A4, M1, T4, H20, ...) come back with strong == false.
std::optional<Match> match_chip(std::string_view normalized, std::size_t pos);

// Normalized words that signal chips nearby (رقائق، شريحة، معالج، chip، GPU, chip vendors);
// the tagger looks them up through the lexicon (grammar/lexicon.hpp).
std::vector<std::string_view> chip_cue_words();

}  // namespace alam::grammar
