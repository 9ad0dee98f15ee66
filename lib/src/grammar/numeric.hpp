// Money, percent and date grammars (Spirit X3). Each family's rules live in its own
// <family>_def.hpp; money.cpp, percent.cpp and date.cpp run them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/common.hpp"
#include "grammar/lexicon.hpp"

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

// Which families can match at normalized byte pos, judged by what follows the number there
// (number_follow.cpp): the tagger's second gate, after numeric_starts, at a word that begins
// with a digit; all three are true at any other byte. A number is money only when a currency
// or scale word (or '$') follows it, a percentage only before '%', '-' or a percent word, and a
// date only as a day of one or two digits before '/' or a month, or as a four-digit year from
// 1800 to 2100. Each test is a necessary condition of the family's rules, checked against them
// by grammar_test and by the grammar fuzz target; most numbers in news pass one family or
// none, and the test costs a fraction of one X3 rule.
NumericStarts numeric_after_digit(std::string_view normalized, std::size_t pos);

// The words each test looks for (prefixes of them, in number_follow.cpp): money's scale,
// currency (with ICU's Arabic currency names), Latin scale and currency words; the percent
// words; the months.
std::vector<std::string> money_follow_words();
std::vector<std::string> percent_follow_words();
std::vector<std::string> date_follow_words();

}  // namespace alam::grammar
