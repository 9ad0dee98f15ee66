// alam/tokenizer.hpp — tokens of a normalized text, split by script.
//
//   alam::NormalizedText n = alam::Normalizer{}.normalize("قالت لـNvidia إن A800 وH800");
//   for (const alam::Token& t : alam::tokenize(n.text)) ...
//   // قالت | ل | nvidia | ان | a800 | و | h800
//
// Rules (docs/normalization.md, "Tokens"): a change of script always splits (وH800 → و +
// h800); runs of Latin letters and digits form one token, joined across an inner '-', '.',
// '\'' or '’' that sits between two of them (a100-sxm4-80gb, alibaba.com, 3.5) and across ','
// between digits (1,000); a hyphen between an Arabic proclitic and a Latin or digit stem
// belongs to the proclitic (و-H800 → و- + h800); every other punctuation or symbol character
// is a token of its own; whitespace separates and is not a token.
// Thread-safe; any bytes are accepted (the normalizer has already replaced bad UTF-8).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace alam {

enum class Script : std::uint8_t {
  kArabic,  // Arabic letters
  kLatin,   // Latin letters only
  kDigit,   // digits, with inner separators (3.5, 1,000)
  kMixed,   // Latin letters and digits (a100, 910b, h800)
  kOther,   // letters of other scripts (CJK, Hebrew, ...)
  kPunct,   // one punctuation character
  kSymbol,  // one symbol character (%, $, emoji, ...)
};

struct Token {
  std::uint32_t begin = 0;  // byte offsets into the normalized text
  std::uint32_t end = 0;
  // Byte offsets into the original text (filled by tokenize(const NormalizedText&)). A proclitic
  // glued to a Latin or digit stem also owns the joiner removed in between (the tatweel of
  // لـNvidia, a ZWNJ), so its range ends where the stem's begins.
  std::uint32_t source_begin = 0;
  std::uint32_t source_end = 0;
  Script script = Script::kPunct;
  bool space_before = true;  // whitespace (or the text start) precedes the token

  std::string_view view(std::string_view normalized) const {
    return normalized.substr(begin, end - begin);
  }
  bool is_word() const {
    return script != Script::kPunct && script != Script::kSymbol;
  }
};

// Tokenizes normalized text (the output of Normalizer::normalize); source offsets are left 0.
std::vector<Token> tokenize(std::string_view normalized);
// The same into out (cleared first), reusing its storage.
void tokenize(std::string_view normalized, std::vector<Token>& out);
// Tokenizes normalized[from, end) and appends the tokens (offsets into normalized) to out; from
// is 0 or just after whitespace. Tokenizing a text piece by piece, each piece starting at the
// text start or with whitespace, gives the tokens of the whole text.
void tokenize_append(std::string_view normalized, std::size_t from, std::vector<Token>& out);

struct NormalizedText;
// Tokenizes n.text and fills each token's source (original byte) range.
std::vector<Token> tokenize(const NormalizedText& n);

// True for a token made only of proclitic letters (و ف ب ك ل, and ال / لل): و، وب، بال، لل…
bool is_proclitic_token(std::string_view normalized_token);

}  // namespace alam
