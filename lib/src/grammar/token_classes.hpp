// Token classes for the name grammars. The person and organisation grammars (person_def.hpp,
// org_def.hpp) are Spirit X3 rules over a string with one class character per token, so a rule
// such as "speech verb, then one to three name words, then a comma" reads as it is written.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alam/tokenizer.hpp"

namespace alam {
class Stems;
}

namespace alam::grammar {

struct WordInfo;

// One character per token:
namespace cls {
inline constexpr char kSpeech = 'S';     // قال، وأضاف، أكدت، said, says, told
inline constexpr char kTitle = 'T';      // رئيس، الرئيس، التنفيذي، مؤسس، المحلل، CEO, founder
inline constexpr char kHonorific = 'H';  // السيد، السيدة، الدكتور، Mr, Ms, Dr
inline constexpr char kByline = 'B';     // التغطيه (شارك في التغطية …), اعداد
inline constexpr char kOrgCue = 'O';     // شركه، مجموعه، مختبر، منصه، بنك (also after a proclitic)
inline constexpr char kSuffix = 'K';     // Inc, Ltd, Corp, Group, Technologies, Research, Labs…
inline constexpr char kThat = 'I';       // ان (إن / أن after a speech verb)
inline constexpr char kArabicName = 'A'; // an Arabic word that may be part of a name
inline constexpr char kArabicOther = 'a';// function words, common nouns, listed words
inline constexpr char kArticleWord = 'r'; // other words with the article ال (الخطيب، الصينية)
inline constexpr char kGiven = 'G';      // first token of a given name (gazetteer GIVEN list)
inline constexpr char kGivenRest = 'g';  // other tokens of it (عبد الله)
inline constexpr char kCapital = 'C';    // a Latin word written with a capital (SenseTime, DZT)
inline constexpr char kLatinOther = 'l'; // other Latin words
inline constexpr char kMixed = 'M';      // letters and digits (H800, 910B)
inline constexpr char kDigits = 'D';
inline constexpr char kAnd = 'w';        // و alone or glued to the next word
inline constexpr char kAmp = '&';        // & and "and" inside Latin names (AT&T, Johnson and Johnson)
inline constexpr char kComma = ',';      // ، ,
inline constexpr char kColon = ':';
inline constexpr char kStop = '.';       // . ! ? ؟ ؛ ;
inline constexpr char kQuote = 'q';
inline constexpr char kOpen = '(';
inline constexpr char kClose = ')';
inline constexpr char kPunct = 'p';
inline constexpr char kOrgStart = 'E';   // first token of a gazetteer ORG match
inline constexpr char kOrgRest = 'e';    // other tokens of that match
inline constexpr char kKnown = 'L';      // a token inside another gazetteer match (place, chip, …)
}  // namespace cls

// The word lists by class, in normalized form (looked up through grammar/lexicon.hpp). When a
// word is in two lists, the first list wins.
const std::vector<std::pair<char, std::vector<std::string_view>>>& class_word_lists();

// Every word of the lists (for the test that they are in normalized form).
std::vector<std::string> name_grammar_words();

// The class of a token for the name grammars: from its script, its normalized text, its
// original text (for letter case), its proclitic stems and their lexicon entries (info[k] for
// stems[k]).
char classify_token(Script script, std::string_view text, std::string_view original,
                    const Stems& stems, const WordInfo* const* info);

}  // namespace alam::grammar
