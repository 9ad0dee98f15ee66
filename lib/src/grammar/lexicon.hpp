// The lexicon: everything the grammars know about a normalized word, in one lookup. It joins
// the name grammars' word classes (token_classes.hpp), the chip cue words (chip.hpp) and the
// words that can start a money, percent or date expression (numeric.hpp), so the tagger looks
// each token's stems up once.
#pragma once

#include <string_view>

namespace alam::grammar {

struct WordInfo {
  char word_class = 0;         // a cls:: character, or 0
  bool chip_cue = false;       // رقائق، شريحة، GPU, a chip vendor, …
  bool money_start = false;  // a scale, dual scale or currency sign word: can start money
  bool date_start = false;   // a month or ordinal: can start a date
};

// The entry of a normalized word, or nullptr when the grammars know nothing of it.
const WordInfo* lookup_word(std::string_view normalized_word);

// Which of the money, percent and date grammars can match at a normalized word that begins
// with the byte first and has the lexicon entry info (what the first element of their rules
// accepts: money_def.hpp, percent_def.hpp, date_def.hpp). Money: a digit, $, the lead bytes C2
// and E2 of £ ¥ €, or a money_start word; percent: a digit or %; date: a digit or a date_start
// word. The tagger's first gate before it runs each grammar; at a digit, numeric_after_digit
// (numeric.hpp) then looks at what follows the number.
struct NumericStarts {
  bool money = false, percent = false, date = false;
  bool any() const { return money || percent || date; }
};
inline NumericStarts numeric_starts(unsigned char first, const WordInfo* info) {
  const bool digit = first >= '0' && first <= '9';
  return {digit || first == '$' || first == 0xC2 || first == 0xE2 || (info && info->money_start),
          digit || first == '%', digit || (info && info->date_start)};
}
// True when one of them can.
inline bool starts_numeric(unsigned char first, const WordInfo* info) {
  return numeric_starts(first, info).any();
}

// numeric_starts and starts_numeric for a normalized word, looked up here.
NumericStarts numeric_starts_at(std::string_view normalized_word);
bool may_start_numeric(std::string_view normalized_word);

}  // namespace alam::grammar
