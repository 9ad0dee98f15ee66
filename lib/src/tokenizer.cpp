#include "alam/tokenizer.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <memory>

#include "alam/utf8.hpp"

namespace alam {
namespace {

enum class CharClass : std::uint8_t { kSpace, kArabic, kLatin, kDigit, kOther, kPunct, kSymbol, kMark };

CharClass classify_icu(char32_t c) {
  if (u_isUWhiteSpace(UChar32(c))) return CharClass::kSpace;
  const std::int8_t type = u_charType(UChar32(c));
  if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
      type == U_ENCLOSING_MARK)
    return CharClass::kMark;
  if (u_isdigit(UChar32(c))) return CharClass::kDigit;
  if (u_isalpha(UChar32(c))) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(UChar32(c), &status);
    if (script == USCRIPT_ARABIC) return CharClass::kArabic;
    if (script == USCRIPT_LATIN) return CharClass::kLatin;
    return CharClass::kOther;
  }
  if (u_ispunct(UChar32(c))) return CharClass::kPunct;
  if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR) return CharClass::kSpace;
  return CharClass::kSymbol;
}

// Classes of all BMP code points, computed once.
const std::array<CharClass, 0x10000>& bmp_classes() {
  static const auto table = [] {
    auto t = std::make_unique<std::array<CharClass, 0x10000>>();
    for (char32_t c = 0; c < 0x10000; ++c)
      (*t)[c] = (c >= 0xD800 && c <= 0xDFFF) ? CharClass::kSymbol : classify_icu(c);
    return t;
  }();
  return *table;
}

CharClass class_of(char32_t c) {
  return c < 0x10000 ? bmp_classes()[c] : classify_icu(c);
}

bool is_alnum(CharClass k) { return k == CharClass::kLatin || k == CharClass::kDigit; }

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  out.reserve(s.size() / 5 + 1);
  const auto& table = bmp_classes();
  // Decode once into (class, byte offset) pairs so that lookahead is cheap.
  struct Ch { CharClass k; std::uint32_t pos; char32_t cp; };
  std::vector<Ch> chars;
  chars.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      chars.push_back({table[b], std::uint32_t(i), b});
      ++i;
    } else {
      const utf8::Decoded d = utf8::decode(s, i);
      chars.push_back({class_of(d.cp), std::uint32_t(i), d.cp});
      i += d.size;
    }
  }
  const std::size_t n = chars.size();
  auto pos = [&](std::size_t k) { return k < n ? chars[k].pos : std::uint32_t(s.size()); };

  bool space_before = true;
  for (std::size_t k = 0; k < n;) {
    const CharClass c = chars[k].k;
    if (c == CharClass::kSpace) {
      space_before = true;
      ++k;
      continue;
    }
    Token t;
    t.begin = chars[k].pos;
    t.space_before = space_before;
    space_before = false;
    std::size_t j = k + 1;
    if (c == CharClass::kArabic || c == CharClass::kOther) {
      while (j < n && (chars[j].k == c || chars[j].k == CharClass::kMark)) ++j;
      t.script = c == CharClass::kArabic ? Script::kArabic : Script::kOther;
    } else if (is_alnum(c)) {
      bool letters = c == CharClass::kLatin, digits = c == CharClass::kDigit;
      while (j < n) {
        const CharClass cj = chars[j].k;
        if (is_alnum(cj) || (cj == CharClass::kMark)) {
          letters |= cj == CharClass::kLatin;
          digits |= cj == CharClass::kDigit;
          ++j;
          continue;
        }
        // Inner joiners: between two alnum characters.
        if (j + 1 < n && is_alnum(chars[j - 1].k) && is_alnum(chars[j + 1].k)) {
          const char32_t p = chars[j].cp;
          const bool join =
              p == U'-' || p == U'.' || p == U'\'' || p == U'\u2019' ||
              (p == U',' && chars[j - 1].k == CharClass::kDigit &&
               chars[j + 1].k == CharClass::kDigit);
          if (join) {
            j += 1;
            continue;
          }
        }
        break;
      }
      t.script = letters && digits ? Script::kMixed : letters ? Script::kLatin : Script::kDigit;
    } else {
      t.script = c == CharClass::kPunct ? Script::kPunct : Script::kSymbol;
      // A mark directly after a symbol (emoji modifiers, keycaps) stays with it.
      while (j < n && chars[j].k == CharClass::kMark) ++j;
    }
    t.end = pos(j);
    out.push_back(t);
    k = j;
  }
  return out;
}

}  // namespace alam
