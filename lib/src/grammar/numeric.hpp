// Money, percent and date grammars (Spirit X3). Each family's rules live in its own
// <family>_def.hpp; money.cpp, percent.cpp and date.cpp run them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/common.hpp"

namespace alam::grammar {

// The longest match of each family starting at normalized byte pos, if any.
std::optional<Match> match_money(std::string_view normalized, std::size_t pos);
std::optional<Match> match_percent(std::string_view normalized, std::size_t pos);
std::optional<Match> match_date(std::string_view normalized, std::size_t pos);

// Every word of the families' word lists (for the test that they are in normalized form).
std::vector<std::string> numeric_words();
// The words of the lists an expression can begin with: scales (الف دولار), dual scales
// (مليونا دولار), currency signs (usd 5), months (مارس 2024) and ordinals (الثاني من مارس).
// Every other way to begin one is a digit or a sign (%, $, €, £, ¥). Currency names,
// nationalities and percent words (دولار، ين، في المئة) only follow a number, so the tagger
// does not run the grammars at them (lexicon.hpp, numeric_starts).
std::vector<std::string> numeric_start_words();
// The same, by family: those money can begin with (scales, dual scales, currency signs) and
// those a date can (months, ordinals). The lexicon's money_start and date_start (lexicon.hpp).
std::vector<std::string> money_start_words();
std::vector<std::string> date_start_words();

}  // namespace alam::grammar
