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
  bool numeric_start = false;  // a scale, currency sign, month or ordinal: can start an expression
};

// The entry of a normalized word, or nullptr when the grammars know nothing of it.
const WordInfo* lookup_word(std::string_view normalized_word);

// True when a money, percent or date expression can start at a normalized word that begins
// with the byte first and has the lexicon entry info: a digit, a sign ($ %, and the lead bytes
// C2 and E2 of £ ¥ €), or an entry whose numeric_start is set. The tagger's gate before it runs
// those grammars.
inline bool starts_numeric(unsigned char first, const WordInfo* info) {
  return (first >= '0' && first <= '9') || first == '$' || first == '%' || first == 0xC2 ||
         first == 0xE2 || (info && info->numeric_start);
}

// starts_numeric for a normalized word, looked up here.
bool may_start_numeric(std::string_view normalized_word);

}  // namespace alam::grammar
