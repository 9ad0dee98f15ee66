// The normalizer: a per-code-point table built with ICU at construction, and a table-driven
// hot loop that never calls ICU. Rules are documented in docs/normalization.md.
#include "alam/normalizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <stdexcept>

#include "alam/utf8.hpp"

namespace alam {
namespace {

enum class Kind : std::uint8_t { kKeep, kMap, kDropMark, kDropOther };

struct Entry {
  std::uint32_t offset = 0;  // into Tables::pool
  std::uint8_t length = 0;
  Kind kind = Kind::kKeep;
};

// Code point ranges the table covers; everything else is kept as it is.
constexpr std::array<std::pair<char32_t, char32_t>, 5> kTableRanges{{
    {0x0000, 0x08FF},  // Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic and supplements
    {0x1E00, 0x1FFF},  // Latin Extended Additional, Greek Extended
    {0x2000, 0x218F},  // General Punctuation (bidi controls), letterlike, number forms
    {0x3000, 0x3000},  // ideographic space
    {0xFB00, 0xFFFF},  // presentation forms A/B, half- and full-width forms, BOM, specials
}};

bool is_control(char32_t c) {
  return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x206F) || c == 0x061C ||
         c == 0xFEFF || c == 0x00AD || c == 0x180E;
}

bool is_arabic_mark(char32_t c) {
  return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E8) ||
         (c >= 0x06EA && c <= 0x06ED) || (c >= 0x08D3 && c <= 0x08FF && c != 0x08E2);
}

// The Arabic letter and digit folds; returns c itself when no rule applies.
char32_t arabic_fold(char32_t c, const NormalizerOptions& o) {
  if (o.fold_alef && (c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671 || c == 0x0672 ||
                      c == 0x0673))
    return 0x0627;
  if (o.fold_alef_maqsura && c == 0x0649) return 0x064A;
  if (o.fold_teh_marbuta && c == 0x0629) return 0x0647;
  if (o.fold_hamza_carriers) {
    if (c == 0x0624) return 0x0648;
    if (c == 0x0626) return 0x064A;
  }
  if (o.fold_persian) {
    switch (c) {
      case 0x06A9: return 0x0643;  // ک keheh
      case 0x06AF: return 0x0643;  // گ gaf
      case 0x06CC: return 0x064A;  // ی Farsi yeh
      case 0x06A4: return 0x0641;  // ڤ veh
      case 0x067E: return 0x0628;  // پ peh
      case 0x0686: return 0x062C;  // چ tcheh
      case 0x06D5: return 0x0647;  // ە ae
      case 0x06C0: return 0x0647;  // ۀ heh with yeh above
      default: break;
    }
  }
  if (o.fold_digits) {
    if (c >= 0x0660 && c <= 0x0669) return U'0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9) return U'0' + (c - 0x06F0);
    if (c == 0x066B) return U'.';
    if (c == 0x066C) return U',';
    if (c == 0x066A) return U'%';
  }
  return c;
}

}  // namespace

struct Normalizer::Tables {
  NormalizerOptions options;
  std::array<char, 128> ascii{};
  std::vector<Entry> bmp = std::vector<Entry>(0x10000);
  std::string pool;

  explicit Tables(const NormalizerOptions& o) : options(o) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("alam: ICU normalizer data unavailable");
    for (int c = 0; c < 128; ++c)
      ascii[c] = char(o.fold_case && c >= 'A' && c <= 'Z' ? c + 32 : c);
    for (auto [lo, hi] : kTableRanges)
      for (char32_t c = lo; c <= hi; ++c)
        if (c >= 0x80 && (c < 0xD800 || c > 0xDFFF)) bmp[c] = build(c, *nfkc, *nfd, *nfc);
  }

  // Applies the rules that act on single code points to one code point: appends the result
  // to out and says whether the code point was dropped.
  bool simple_rules(char32_t c, std::u32string& out) const {
    const NormalizerOptions& o = options;
    if (o.strip_controls && is_control(c)) return true;
    if (o.strip_tatweel && c == 0x0640) return true;
    if (o.strip_diacritics && is_arabic_mark(c)) return true;
    if (o.fold_accents && u_charType(c) == U_NON_SPACING_MARK) return true;
    if (o.fold_spaces && u_charType(c) == U_SPACE_SEPARATOR) c = U' ';
    out.push_back(arabic_fold(c, o));
    return false;
  }

  Entry build(char32_t c, const icu::Normalizer2& nfkc, const icu::Normalizer2& nfd,
              const icu::Normalizer2& nfc) {
    const NormalizerOptions& o = options;
    std::u32string first;
    if (simple_rules(c, first)) return drop_kind(c);
    char32_t folded = first[0];
    std::u32string result;
    if (folded != c) {
      result = first;  // an Arabic, digit or space rule decided
    } else {
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString s{static_cast<UChar32>(c)};
      if (o.fold_compat) s = nfkc.normalize(s, status);
      if (o.fold_accents) s = nfd.normalize(s, status);
      if (o.fold_case) s.foldCase();
      if (o.fold_accents) s = nfc.normalize(s, status);
      if (U_FAILURE(status)) return {};
      for (int32_t i = 0; i < s.length();) {
        UChar32 d = s.char32At(i);
        i += U16_LENGTH(d);
        simple_rules(char32_t(d), result);
      }
      if (result.empty()) return drop_kind(c);
    }
    if (result.size() == 1 && result[0] == c) return {};
    Entry e{std::uint32_t(pool.size()), 0, Kind::kMap};
    for (char32_t d : result) utf8::append(pool, d);
    e.length = std::uint8_t(pool.size() - e.offset);
    return e;
  }

  static Entry drop_kind(char32_t c) {
    return {0, 0, u_charType(c) == U_NON_SPACING_MARK ? Kind::kDropMark : Kind::kDropOther};
  }
};

Normalizer::Normalizer(NormalizerOptions options)
    : tables_(std::make_shared<const Tables>(options)) {}
Normalizer::~Normalizer() = default;
Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;

const NormalizerOptions& Normalizer::options() const { return tables_->options; }

NormalizedText Normalizer::normalize(std::string_view in) const {
  if (in.size() >= UINT32_MAX) throw std::length_error("alam: text larger than 4 GiB");
  const Tables& t = *tables_;
  NormalizedText r;
  r.text.reserve(in.size());
  r.src_begin.reserve(in.size());
  r.src_end.reserve(in.size());
  std::size_t last_char = 0;  // start of the last emitted character in r.text
  auto emit = [&](const char* bytes, std::size_t n, std::uint32_t b, std::uint32_t e) {
    last_char = r.text.size();
    r.text.append(bytes, n);
    r.src_begin.insert(r.src_begin.end(), n, b);
    r.src_end.insert(r.src_end.end(), n, e);
  };
  const std::size_t n = in.size();
  for (std::size_t i = 0; i < n;) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      last_char = r.text.size();
      r.text.push_back(t.ascii[b]);
      r.src_begin.push_back(std::uint32_t(i));
      r.src_end.push_back(std::uint32_t(i + 1));
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(in, i);
    const auto begin = std::uint32_t(i), end = std::uint32_t(i + d.size);
    if (!d.valid) {
      emit("\xEF\xBF\xBD", 3, begin, end);
    } else {
      const Entry e = d.cp < 0x10000 ? t.bmp[d.cp] : Entry{};
      switch (e.kind) {
        case Kind::kKeep: emit(in.data() + i, d.size, begin, end); break;
        case Kind::kMap: emit(t.pool.data() + e.offset, e.length, begin, end); break;
        case Kind::kDropMark:
          // A diacritic belongs to the letter it sits on.
          for (std::size_t j = last_char; j < r.text.size(); ++j) r.src_end[j] = end;
          break;
        case Kind::kDropOther: break;
      }
    }
    i = end;
  }
  return r;
}

std::string Normalizer::normalize_text(std::string_view utf8) const {
  return normalize(utf8).text;
}

}  // namespace alam
