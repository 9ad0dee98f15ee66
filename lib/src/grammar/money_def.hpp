// Money grammar rules: an amount with its currency (GUIDELINES.md rule 9, clarification 8).
// Word lists are in normalized form (ا for أ/إ/آ, ه for ة, ي for ى/ئ); grammar_test checks that.
#pragma once

#include "grammar/common.hpp"

namespace alam::grammar::money {

using common::number;
using common::sp;
using common::word_end;
using x3::lit;

// --- word lists ----------------------------------------------------------------------------------
inline x3::symbols<int> const scale{
    "الف", "الاف", "مليون", "ملايين", "مليار", "مليارات", "بليون", "بلايين", "تريليون",
    "تريليونات"};
// Duals stand for "two thousand/million/…" without a digit (ملياري يورو).
inline x3::symbols<int> const dual_scale{"الفا", "الفي", "مليونا", "مليوني", "مليارا",
                                         "ملياري", "تريليونا", "تريليوني"};
// Not const: money.cpp adds the Arabic currency names of ICU's locale data on first use.
inline x3::symbols<int> currency{
    "دولار", "دولارا", "دولارات", "يورو", "ين", "يوان", "رنمينبي", "جنيه", "جنيها", "جنيهات",
    "ريال", "ريالا", "ريالات", "درهم", "درهما", "دراهم", "دينار", "دينارا", "دنانير", "روبيه",
    "روبيات", "روبل", "ليره", "ليرات", "وون", "فرنك", "فرنكات", "بيزو", "استرليني"};
// The nationality word of a currency stays in the span (5 مليارات دولار استرالي).
inline x3::symbols<int> nationality{
    "امريكي", "اميركي", "استرالي", "كندي", "سنغافوري", "تايواني", "نيوزيلندي", "هونج كونج",
    "هونغ كونغ", "سعودي", "اماراتي", "مصري", "كويتي", "قطري", "بحريني", "عماني", "اردني",
    "عراقي", "ليبي", "تونسي", "جزايري", "مغربي", "صيني", "ياباني", "كوري", "كوري جنوبي",
    "هندي", "هنديه", "تركي", "تركيه", "لبناني", "لبنانيه", "سوري", "سوريه", "استرليني",
    "سويسري", "اوروبي"};
inline x3::symbols<int> const latin_scale{"k", "m", "mn", "bn", "b", "tn", "thousand",
                                          "million", "millions", "billion", "billions",
                                          "trillion"};
inline x3::symbols<int> const latin_currency{
    "dollar", "dollars", "usd", "us dollars", "euro", "euros", "eur", "yuan", "rmb", "renminbi",
    "yen", "jpy", "pound", "pounds", "gbp", "won", "rupees", "riyals", "dirhams"};
inline x3::symbols<int> const currency_sign{"$", "us$", "usd", "€", "£", "¥", "eur", "gbp", "rmb"};

// --- rules ---------------------------------------------------------------------------------------
// 5.9 مليار دولار · 330 مليون دولار · 120 دولارا · مليار دولار · ملياري يورو · 5 مليارات دولار استرالي
auto const arabic = x3::rule<struct arabic_class>{"money.arabic"} =
    ((number >> sp >> -(scale >> sp)) | (dual_scale >> sp) | (scale >> sp)) >> currency >>
    word_end >> -(sp >> nationality >> word_end);

// $40bn · $5.9 billion · US$ 3 million · € 10m · $40 مليار
auto const sign_first = x3::rule<struct sign_first_class>{"money.sign_first"} =
    currency_sign >> -sp >> number >>
    -(-sp >> ((latin_scale >> word_end) | (scale >> word_end)));

// 5.9 billion dollars · 40bn yuan · 5 million euros · 40 مليار $ · 40$
auto const amount_first = x3::rule<struct amount_first_class>{"money.amount_first"} =
    number >> -sp >>
    ((-(latin_scale >> word_end >> sp) >> latin_currency) | (-(scale >> sp) >> lit('$')));

}  // namespace alam::grammar::money
