// Percent grammar rules (GUIDELINES.md rule 9, clarification 9). Normalized word forms.
#pragma once

#include "grammar/common.hpp"

namespace alam::grammar::percent {

using common::number;
using common::sp;
using common::word_end;
using x3::lit;

// في المائة / في المئة / بالمائة / بالمئة after normalization (ئ → ي, ة → ه).
inline x3::symbols<int> const percent_word{"في المايه", "في الميه", "في المييه", "بالمايه",
                                           "بالميه", "percent", "per cent", "pct"};

// 27-36 · 20 - 25 · 20 الى 25 is two spans, only the hyphen joins a range.
auto const amount = x3::rule<struct amount_class>{"percent.amount"} =
    number >> -(-sp >> lit('-') >> -sp >> number);

// 75 في المائة · 58% · 27-36% · 58 %
auto const suffixed = x3::rule<struct suffixed_class>{"percent.suffixed"} =
    amount >> ((-sp >> lit('%')) | (sp >> percent_word >> word_end));

// ٪20 (the sign written first, as in right-to-left typing)
auto const prefixed = x3::rule<struct prefixed_class>{"percent.prefixed"} = lit('%') >> amount;

}  // namespace alam::grammar::percent
