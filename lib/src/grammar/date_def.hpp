// Date grammar rules (GUIDELINES.md rule 9, clarification 7): years, month + year, full dates,
// day + month. Not dates: a month alone, quarters, relative expressions. Normalized word forms.
#pragma once

#include "grammar/common.hpp"

namespace alam::grammar::date {

using common::sp;
using common::word_end;
using x3::lit;

// --- word lists ----------------------------------------------------------------------------------
inline x3::symbols<int> const month{
    // Gregorian months as written in Egypt and the Gulf, and their variants
    "يناير", "فبراير", "مارس", "ابريل", "ابريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه",
    "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر",
    // Levantine and Iraqi month names
    "كانون الثاني", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول",
    "تشرين الاول", "تشرين الثاني", "كانون الاول",
    // English, full and abbreviated
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec"};

// Ordinal day words: الخامس من ابريل.
inline x3::symbols<int> const ordinal{
    "الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
    "العاشر", "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر",
    "السادس عشر", "السابع عشر", "الثامن عشر", "التاسع عشر", "العشرين", "الحادي والعشرين",
    "الثاني والعشرين", "الثالث والعشرين", "الرابع والعشرين", "الخامس والعشرين",
    "السادس والعشرين", "السابع والعشرين", "الثامن والعشرين", "التاسع والعشرين", "الثلاثين",
    "الحادي والثلاثين"};

// --- rules ---------------------------------------------------------------------------------------
inline auto const check_day = [](auto& ctx) {
  const unsigned v = x3::_attr(ctx);
  x3::_pass(ctx) = v >= 1 && v <= 31;
};
inline auto const check_year = [](auto& ctx) {
  const unsigned v = x3::_attr(ctx);
  x3::_pass(ctx) = v >= 1800 && v <= 2100;
};
inline auto const check_month_number = [](auto& ctx) {
  const unsigned v = x3::_attr(ctx);
  x3::_pass(ctx) = v >= 1 && v <= 12;
};

auto const day = x3::rule<struct day_class>{"date.day"} =
    x3::uint_parser<unsigned, 10, 1, 2>{}[check_day] >> word_end;
auto const year = x3::rule<struct year_class>{"date.year"} =
    x3::uint_parser<unsigned, 10, 4, 4>{}[check_year] >> word_end;
auto const month_number = x3::uint_parser<unsigned, 10, 1, 2>{}[check_month_number];

// حزيران (يونيو) · مارس/ آذار · يونيو
auto const month_expr = x3::rule<struct month_expr_class>{"date.month"} =
    month >> word_end >>
    -((-sp >> lit('(') >> -sp >> month >> word_end >> -sp >> lit(')')) |
      (-sp >> lit('/') >> -sp >> month >> word_end));

// 12 مارس 2024 · 5 نوفمبر · March 12, 2024 · الخامس من ابريل 2025
auto const full = x3::rule<struct full_class>{"date.full"} =
    (day >> sp >> month_expr >> -(-lit(',') >> sp >> year)) |
    (ordinal >> sp >> lit("من") >> sp >> month_expr >> -(sp >> year)) |
    (month_expr >> sp >> day >> -(lit(',') >> sp >> year));

// حزيران (يونيو) 2022 · يونيو 2025 · March 2024
auto const month_year = x3::rule<struct month_year_class>{"date.month_year"} =
    month_expr >> sp >> year;

// 12/03/2024 · 2024-03-12
auto const numeric = x3::rule<struct numeric_class>{"date.numeric"} =
    (x3::uint_parser<unsigned, 10, 1, 2>{}[check_day] >> lit('/') >> month_number >> lit('/') >>
     year) |
    (x3::uint_parser<unsigned, 10, 4, 4>{}[check_year] >> lit('-') >>
     x3::uint_parser<unsigned, 10, 2, 2>{}[check_month_number] >> lit('-') >>
     x3::uint_parser<unsigned, 10, 2, 2>{}[check_day] >> word_end);

// 2021 (a year alone)
auto const year_only = x3::rule<struct year_only_class>{"date.year_only"} = year;

}  // namespace alam::grammar::date
