#include "alam/tokenizer.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <atomic>
#include <mutex>

#include "alam/normalizer.hpp"
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

// Classes of the BMP's code points. Those below U+0800 (one and two UTF-8 bytes: ASCII, Latin,
// Greek, Cyrillic, Hebrew, Arabic) are computed when the table is made and read directly on the
// hot path; the rest 256 at a time, when a code point of the block is first asked for (a start-up
// that classified all 65,536 with ICU took a quarter of `alam tag`'s start-up instructions).
class ClassTable {
 public:
  static constexpr char32_t kEager = 0x800;

  ClassTable() {
    for (char32_t c = 0; c < kEager; ++c) classes_[c] = classify(c);
    for (char32_t b = 0; b < kEager >> 8; ++b) ready_[b].store(true, std::memory_order_relaxed);
  }
  // c < kEager.
  CharClass eager(char32_t c) const { return classes_[c]; }
  // Any BMP code point.
  CharClass operator()(char32_t c) {
    std::atomic<bool>& ready = ready_[c >> 8];
    if (!ready.load(std::memory_order_acquire)) {
      const std::lock_guard<std::mutex> lock(fill_);
      if (!ready.load(std::memory_order_relaxed)) {
        const char32_t first = c & ~char32_t(0xFF);
        for (char32_t d = first; d < first + 0x100; ++d) classes_[d] = classify(d);
        ready.store(true, std::memory_order_release);
      }
    }
    return classes_[c];
  }

 private:
  static CharClass classify(char32_t c) {
    return c >= 0xD800 && c <= 0xDFFF ? CharClass::kSymbol : classify_icu(c);
  }
  std::array<CharClass, 0x10000> classes_{};
  std::array<std::atomic<bool>, 0x100> ready_{};
  std::mutex fill_;
};

ClassTable& bmp_classes() {
  static ClassTable table;
  return table;
}

CharClass class_of(char32_t c) {
  return c < 0x10000 ? bmp_classes()(c) : classify_icu(c);
}

bool is_alnum(CharClass k) { return k == CharClass::kLatin || k == CharClass::kDigit; }

}  // namespace

bool is_proclitic_token(std::string_view t) {
  // Normalized forms: conjunction, preposition, article, and their combinations.
  static const std::array<std::string_view, 20> kForms{
      "\u0648", "\u0641", "\u0628", "\u0643", "\u0644",                          // و ف ب ك ل
      "\u0648\u0628", "\u0648\u0643", "\u0648\u0644", "\u0641\u0628", "\u0641\u0643",
      "\u0641\u0644",                                                        // وب وك ول فب فك فل
      "\u0627\u0644", "\u0648\u0627\u0644", "\u0641\u0627\u0644", "\u0628\u0627\u0644",
      "\u0643\u0627\u0644", "\u0644\u0644", "\u0648\u0644\u0644", "\u0641\u0644\u0644",
      "\u0648\u0628\u0627\u0644"};  // ال وال فال بال كال لل ولل فلل وبال
  if (t.size() > 8) return false;
  for (std::string_view f : kForms)
    if (t == f) return true;
  return false;
}

std::vector<Token> tokenize(const NormalizedText& n) {
  std::vector<Token> tokens = tokenize(n.text);
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    Token& t = tokens[k];
    const auto [b, e] = n.original_range(t.begin, t.end);
    t.source_begin = std::uint32_t(b);
    t.source_end = std::uint32_t(e);
    if (k == 0 || t.space_before || t.script == Script::kArabic || !t.is_word()) continue;
    // A proclitic glued to a Latin or digit stem owns the removed joiner in between.
    Token& prev = tokens[k - 1];
    std::string_view clitic = prev.view(n.text);
    if (clitic.ends_with('-')) clitic.remove_suffix(1);
    if (prev.script == Script::kArabic && is_proclitic_token(clitic))
      prev.source_end = t.source_begin;
  }
  return tokens;
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  tokenize(s, out);
  return out;
}

void tokenize(std::string_view s, std::vector<Token>& out) {
  out.clear();
  out.reserve(s.size() / 6 + 1);
  tokenize_append(s, 0, out);
}

void tokenize_append(std::string_view s, std::size_t from, std::vector<Token>& out) {
  const ClassTable& table = bmp_classes();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  struct Ch {
    CharClass k;
    std::uint8_t size;
    char32_t cp;
  };
  // The character at byte i (i < n).
  auto at = [&](std::size_t i) -> Ch {
    const unsigned char b = p[i];
    if (b < 0x80) return {table.eager(b), 1, b};
    if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      const char32_t cp = char32_t((b & 0x1F) << 6 | (p[i + 1] & 0x3F));
      return {table.eager(cp), 2, cp};
    }
    const utf8::Decoded d = utf8::decode(s, i);
    return {class_of(d.cp), d.size, d.cp};
  };

  bool space_before = true;
  std::size_t i = from;
  while (i < n) {
    const Ch c = at(i);
    if (c.k == CharClass::kSpace) {
      space_before = true;
      i += c.size;
      continue;
    }
    Token t;
    t.begin = std::uint32_t(i);
    t.space_before = space_before;
    space_before = false;
    std::size_t j = i + c.size;
    if (c.k == CharClass::kArabic || c.k == CharClass::kOther) {
      // Fast path over two-byte Arabic letters (U+0600–06FF: lead bytes D8–DB).
      while (c.k == CharClass::kArabic && j + 1 < n && p[j] >= 0xD8 && p[j] <= 0xDB &&
             table.eager((p[j] & 0x1F) << 6 | (p[j + 1] & 0x3F)) == CharClass::kArabic)
        j += 2;
      while (j < n) {
        const Ch cj = at(j);
        if (cj.k != c.k && cj.k != CharClass::kMark) break;
        j += cj.size;
      }
      t.script = c.k == CharClass::kArabic ? Script::kArabic : Script::kOther;
      // و-H800: a hyphen between a proclitic and a Latin or digit stem belongs to the proclitic.
      if (t.script == Script::kArabic && j + 1 < n && p[j] == '-' && is_alnum(at(j + 1).k) &&
          is_proclitic_token(s.substr(i, j - i)))
        ++j;
    } else if (is_alnum(c.k)) {
      bool letters = c.k == CharClass::kLatin, digits = c.k == CharClass::kDigit;
      CharClass prev = c.k;
      while (j < n) {
        const Ch cj = at(j);
        if (is_alnum(cj.k) || cj.k == CharClass::kMark) {
          letters |= cj.k == CharClass::kLatin;
          digits |= cj.k == CharClass::kDigit;
          if (cj.k != CharClass::kMark) prev = cj.k;
          j += cj.size;
          continue;
        }
        // Inner joiners between two letters or digits: - . ' ’ (and , between digits).
        const char32_t q = cj.cp;
        if ((q == U'-' || q == U'.' || q == U'\'' || q == U'\u2019' || q == U',') &&
            j + cj.size < n) {
          const Ch next = at(j + cj.size);
          const bool join = is_alnum(next.k) &&
                            (q != U',' || (prev == CharClass::kDigit && next.k == CharClass::kDigit));
          if (join) {
            j += cj.size;
            continue;
          }
        }
        break;
      }
      t.script = letters && digits ? Script::kMixed : letters ? Script::kLatin : Script::kDigit;
    } else {
      t.script = c.k == CharClass::kPunct ? Script::kPunct : Script::kSymbol;
      // A mark directly after a symbol (emoji modifiers, keycaps) stays with it.
      while (j < n) {
        const Ch cj = at(j);
        if (cj.k != CharClass::kMark) break;
        j += cj.size;
      }
    }
    t.end = std::uint32_t(j);
    out.push_back(t);
    i = j;
  }
}

}  // namespace alam
