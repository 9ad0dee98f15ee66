// Chip-model grammar (Spirit X3): vendor model codes and named product lines.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "grammar/common.hpp"
#include "grammar/longest.hpp"

namespace alam::grammar {

// The longest chip mention starting at normalized byte pos, if any. Bare codes that are also
// ordinary strings (A4, M1, T4, H20, ...) come back with strong == false.
std::optional<Match> match_chip(std::string_view normalized, std::size_t pos);

// The rules match_chip tries, each with the words its matches start with (for tests).
std::span<const NamedRule> chip_rules();

// match_chip's first test, which rejects most words before any rule runs: the letters at pos
// are a model code's prefix (letters, then a digit) or a product-line word (ascend, rtx, …).
// On a whole Latin or mixed token (tokenizer.hpp: its letters and digits are all in it, so
// the byte after it is no digit) the answer depends on the token's text alone, and the tagger
// remembers it per word (word_cache.hpp).
bool may_start_chip(std::string_view normalized, std::size_t pos);

// Normalized words that signal chips nearby (رقائق، شريحة، معالج، chip، GPU, chip vendors);
// the tagger looks them up through the lexicon (grammar/lexicon.hpp).
std::vector<std::string_view> chip_cue_words();

}  // namespace alam::grammar
