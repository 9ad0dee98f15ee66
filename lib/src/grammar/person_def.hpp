// Person grammar rules: Spirit X3 over token classes (token_classes.hpp), one character per
// token. Each rule captures the name's tokens with x3::raw; the driver (names.cpp) turns the
// capture into a PERSON candidate named after the rule.
#pragma once

#include "grammar/common.hpp"
#include "grammar/token_classes.hpp"

namespace alam::grammar::person {

using x3::lit;
using x3::raw;
using x3::repeat;

// --- pieces -----------------------------------------------------------------------------------
// A given name (gazetteer GIVEN list) counts as a name word.
auto const given = lit(cls::kGiven) >> *lit(cls::kGivenRest);
auto const arabic_word = lit(cls::kArabicName) | given;
auto const latin_word = lit(cls::kCapital) | lit(cls::kGiven);
auto const arabic_name = repeat(1, 3)[arabic_word];
auto const latin_name = repeat(1, 3)[latin_word];
auto const name = arabic_name | latin_name;
auto const full_name = repeat(2, 3)[arabic_word] | repeat(2, 3)[latin_word];
// What may follow a name that a speech verb introduced: a comma, colon, title, "that", the end
// of a sentence, a quote or a closing parenthesis.
auto const name_end = &(lit(cls::kComma) | lit(cls::kColon) | lit(cls::kTitle) |
                        lit(cls::kThat) | lit(cls::kStop) | lit(cls::kQuote) |
                        lit(cls::kClose) | x3::eoi);
auto const no_more_name = !(lit(cls::kArabicName) | lit(cls::kCapital) | lit(cls::kGiven));

// --- rules ------------------------------------------------------------------------------------
// وقال آندي ماينارد، رئيس … · قال ماينارد: … · said Jensen Huang.
auto const speech = x3::rule<struct speech_class, boost::iterator_range<Iterator>>{
    "person.speech"} = lit(cls::kSpeech) >> raw[name] >> name_end;

// Jensen Huang said …
auto const said_after = x3::rule<struct said_after_class, boost::iterator_range<Iterator>>{
    "person.said_after"} = raw[repeat(2, 3)[latin_word]] >> lit(cls::kSpeech);

// كي يان، رئيس قسم الأبحاث … · Lisa Su, chief executive …
// An Arabic name in apposition is the one or two words before the comma (يحل جينسن هوانغ، رئيس
// → جينسن هوانغ): two words may start anywhere, one word only where no name word precedes it.
auto const appositive = lit(cls::kComma) >> (lit(cls::kTitle) | lit(cls::kHonorific));
auto const apposition_two = x3::rule<struct apposition_two_class,
                                     boost::iterator_range<Iterator>>{"person.apposition"} =
    raw[arabic_word >> arabic_word] >> appositive;
auto const apposition = x3::rule<struct apposition_class, boost::iterator_range<Iterator>>{
    "person.apposition"} =
    raw[arabic_word | repeat(2, 3)[latin_word]] >> appositive;

// الرئيس التنفيذي جنسن هوانغ · الرئيس التنفيذي لإنفيديا جنسن هوانغ · CEO Jensen Huang
auto const title = x3::rule<struct title_class, boost::iterator_range<Iterator>>{
    "person.title"} =
    +lit(cls::kTitle) >> -(lit(cls::kArabicOther) | lit(cls::kArticleWord)) >>
    -(lit(cls::kOrgStart) >> *lit(cls::kOrgRest)) >>
    raw[full_name] >> no_more_name;

// السيد فلان الفلاني · Dr. Lisa Su
auto const honorific = x3::rule<struct honorific_class, boost::iterator_range<Iterator>>{
    "person.honorific"} = lit(cls::kHonorific) >> -lit(cls::kStop) >> raw[name] >> no_more_name;

// أحمد الخطيب · محمد أحمد الخطيب · ليزا سو · John Smith: a known given name and one or two
// more name words. A family name with the article ends the name (أحمد الخطيب حاضر →
// أحمد الخطيب); otherwise the name must be followed by a boundary.
auto const boundary = &(lit(cls::kComma) | lit(cls::kColon) | lit(cls::kTitle) |
                        lit(cls::kThat) | lit(cls::kStop) | lit(cls::kQuote) | lit(cls::kClose) |
                        lit(cls::kArabicOther) | lit(cls::kSpeech) | lit(cls::kAnd) |
                        lit(cls::kOpen) | x3::eoi);
auto const given_name = x3::rule<struct given_name_class, boost::iterator_range<Iterator>>{
    "person.given"} =
    raw[given >> -arabic_word >> lit(cls::kArticleWord)] |
    (raw[given >> repeat(1, 2)[arabic_word]] >> boundary) |
    (raw[lit(cls::kGiven) >> repeat(1, 2)[latin_word]] >> boundary);

// شارك في التغطية هدسون لوكيت في هونج كونج
auto const byline = x3::rule<struct byline_class, boost::iterator_range<Iterator>>{
    "person.byline"} = lit(cls::kByline) >> raw[name] >> no_more_name;

}  // namespace alam::grammar::person
