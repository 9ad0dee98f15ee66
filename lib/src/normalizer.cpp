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

// The longest mapping of one code point, in bytes (the output buffer keeps this much slack).
constexpr std::size_t kMaxExpansion = 48;

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
    std::string bytes;
    for (char32_t d : result) utf8::append(bytes, d);
    if (bytes.size() > kMaxExpansion) return {};  // keep the rare huge ligature as it is
    Entry e{std::uint32_t(pool.size()), std::uint8_t(bytes.size()), Kind::kMap};
    pool += bytes;
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

namespace {

// The output of one normalize() call, written through raw pointers. Every character is
// preceded by reserve(), which keeps kSlack bytes free: no code point maps to more.
class Writer {
 public:
  static constexpr std::size_t kSlack = kMaxExpansion + 16;

  Writer(NormalizedText& r, std::size_t expected) : r_(r) { resize(expected + kSlack); }

  void reserve() {
    if (cap_ - o_ < kSlack) resize(cap_ * 2);
  }
  void put(const char* bytes, std::size_t n, std::uint32_t b, std::uint32_t e) {
    last_char_ = o_;
    for (std::size_t k = 0; k < n; ++k) {
      out_[o_ + k] = bytes[k];
      sb_[o_ + k] = b;
      se_[o_ + k] = e;
    }
    o_ += n;
  }
  void put2(const char* bytes, std::uint32_t b) {
    last_char_ = o_;
    out_[o_] = bytes[0];
    out_[o_ + 1] = bytes[1];
    sb_[o_] = sb_[o_ + 1] = b;
    se_[o_] = se_[o_ + 1] = b + 2;
    o_ += 2;
  }
  void put1(char c, std::uint32_t b) {
    last_char_ = o_;
    out_[o_] = c;
    sb_[o_] = b;
    se_[o_] = b + 1;
    ++o_;
  }
  // A removed diacritic: the last character's source now ends at e.
  void extend_last(std::uint32_t e) {
    for (std::size_t j = last_char_; j < o_; ++j) se_[j] = e;
  }
  void finish() { resize(o_); }

 private:
  void resize(std::size_t cap) {
    cap_ = cap;
    r_.text.resize(cap);
    r_.src_begin.resize(cap);
    r_.src_end.resize(cap);
    out_ = r_.text.data();
    sb_ = r_.src_begin.data();
    se_ = r_.src_end.data();
  }

  NormalizedText& r_;
  char* out_ = nullptr;
  std::uint32_t* sb_ = nullptr;
  std::uint32_t* se_ = nullptr;
  std::size_t cap_ = 0, o_ = 0, last_char_ = 0;
};

}  // namespace

NormalizedText Normalizer::normalize(std::string_view in) const {
  if (in.size() >= UINT32_MAX) throw std::length_error("alam: text larger than 4 GiB");
  const Tables& t = *tables_;
  const Entry* bmp = t.bmp.data();
  const char* pool = t.pool.data();
  const char* ascii = t.ascii.data();
  NormalizedText r;
  Writer w(r, in.size());
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t n = in.size();
  std::size_t i = 0;
  while (i < n) {
    w.reserve();
    const unsigned char b = s[i];
    if (b < 0x80) {
      w.put1(ascii[b], std::uint32_t(i));
      ++i;
      continue;
    }
    if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      // Two-byte fast path (Arabic, accented Latin): most characters are kept or mapped to
      // another two-byte character.
      const Entry e = bmp[(b & 0x1F) << 6 | (s[i + 1] & 0x3F)];
      const auto begin = std::uint32_t(i);
      if (e.kind == Kind::kKeep) {
        w.put2(in.data() + i, begin);
      } else if (e.kind == Kind::kMap) {
        if (e.length == 2)
          w.put2(pool + e.offset, begin);
        else
          w.put(pool + e.offset, e.length, begin, begin + 2);
      } else if (e.kind == Kind::kDropMark) {
        w.extend_last(begin + 2);
      }
      i += 2;
      continue;
    }
    const utf8::Decoded d = utf8::decode(in, i);
    const auto begin = std::uint32_t(i), end = std::uint32_t(i + d.size);
    if (!d.valid) {
      w.put("\xEF\xBF\xBD", 3, begin, end);
    } else {
      const Entry e = d.cp < 0x10000 ? bmp[d.cp] : Entry{};
      switch (e.kind) {
        case Kind::kKeep: w.put(in.data() + i, d.size, begin, end); break;
        case Kind::kMap: w.put(pool + e.offset, e.length, begin, end); break;
        case Kind::kDropMark: w.extend_last(end); break;  // a diacritic belongs to its letter
        case Kind::kDropOther: break;
      }
    }
    i = end;
  }
  w.finish();
  return r;
}

std::string Normalizer::normalize_text(std::string_view utf8) const {
  return normalize(utf8).text;
}

}  // namespace alam
