// The normalizer: a per-code-point table built with ICU at construction, and a table-driven
// hot loop that never calls ICU. Rules are documented in docs/normalization.md.
#include "alam/normalizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <stdexcept>

#include "alam/tokenizer.hpp"
#include "alam/utf8.hpp"
#include "piece_cache.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

// out[k] = base + rel[k] for k < n rounded up to a multiple of 8 (both arrays are that long).
void add_offsets(std::uint32_t* out, const std::uint8_t* rel, std::uint32_t base, std::size_t n) {
#ifdef __SSE2__
  const __m128i b = _mm_set1_epi32(int(base)), zero = _mm_setzero_si128();
  for (std::size_t k = 0; k < n; k += 8) {
    const __m128i v = _mm_unpacklo_epi8(
        _mm_loadl_epi64(reinterpret_cast<const __m128i*>(rel + k)), zero);
    auto* o = reinterpret_cast<__m128i*>(out + k);
    _mm_storeu_si128(o, _mm_add_epi32(_mm_unpacklo_epi16(v, zero), b));
    _mm_storeu_si128(o + 1, _mm_add_epi32(_mm_unpackhi_epi16(v, zero), b));
  }
#else
  for (std::size_t k = 0; k < n; ++k) out[k] = base + rel[k];
#endif
}

}  // namespace

struct Normalizer::Tables {
  NormalizerOptions options;
  // Unique for the process's lifetime: the piece cache (piece_cache.hpp) keys its entries by it.
  std::uint64_t serial = next_serial();
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

  static std::uint64_t next_serial() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
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
  NormalizedText r;
  normalize(in, r);
  return r;
}

// The output of a normalization in progress: raw pointers into r's buffers (kept in locals by
// append, so that they stay in registers), o bytes written of cap. Before each character at
// least kSlack bytes are free, as no code point maps to more.
struct Normalizer::Output {
  static constexpr std::size_t kSlack = kMaxExpansion + 16;
  NormalizedText& r;
  std::size_t o = 0, cap = 0;
  char* out = nullptr;
  std::uint32_t* sb = nullptr;
  std::uint32_t* se = nullptr;

  Output(NormalizedText& text, std::size_t expected) : r(text) { resize(expected + kSlack); }
  void resize(std::size_t size) {
    cap = size;
    r.text.resize(size);
    r.src_begin.resize(size);
    r.src_end.resize(size);
    out = r.text.data();
    sb = r.src_begin.data();
    se = r.src_end.data();
  }
  // Makes room for n more bytes and the slack after them.
  void reserve(std::size_t n) {
    if (cap - o < n + kSlack) resize(std::max(2 * cap, o + n + kSlack));
  }
  void finish() { resize(o); }
};

void Normalizer::normalize(std::string_view in, NormalizedText& r) const {
  if (in.size() >= UINT32_MAX) throw std::length_error("alam: text larger than 4 GiB");
  Output w(r, in.size());
  append(in, 0, in.size(), w);
  w.finish();
}

// Appends the normalization of in[from, to) to w, with offsets into in. from is 0 or at an
// ASCII character (a diacritic at from has no letter before it to belong to); to is in.size() or
// at an ASCII character (so that no character is cut).
void Normalizer::append(std::string_view in, std::size_t from, std::size_t to, Output& w) const {
  const Tables& t = *tables_;
  const Entry* const bmp = t.bmp.data();
  const char* const pool = t.pool.data();
  const char* const ascii = t.ascii.data();
  constexpr std::size_t kSlack = Output::kSlack;
  std::size_t cap = w.cap;
  char* out = w.out;
  std::uint32_t* sb = w.sb;
  std::uint32_t* se = w.se;
  auto resize = [&w](std::size_t size, char*& o, std::uint32_t*& b, std::uint32_t*& e) {
    w.resize(size);
    o = w.out;
    b = w.sb;
    e = w.se;
  };
  std::size_t o = w.o;        // bytes written
  std::size_t last_char = o;  // start of the last emitted character (for removed diacritics)
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t n = to;
  std::size_t i = from;
  while (i < n) {
    if (cap - o < kSlack) {
      cap *= 2;
      resize(cap, out, sb, se);
    }
    const unsigned char b = s[i];
    if (b < 0x80) {
      // ASCII runs (spaces, digits, Latin names) in one go.
      const std::size_t stop = std::min(n, i + (cap - o));
      do {
        out[o] = ascii[s[i]];
        sb[o] = std::uint32_t(i);
        se[o] = std::uint32_t(i + 1);
        ++o;
        ++i;
      } while (i < stop && s[i] < 0x80);
      last_char = o - 1;
      continue;
    }
    std::uint32_t cp;
    std::uint32_t size;
    if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      cp = std::uint32_t((b & 0x1F) << 6 | (s[i + 1] & 0x3F));
      size = 2;
      // Fast path: most two-byte characters (Arabic letters) are kept or become another
      // two-byte character.
      const Entry e = bmp[cp];
      const char* two = e.kind == Kind::kKeep                       ? in.data() + i
                        : (e.kind == Kind::kMap && e.length == 2) ? pool + e.offset
                                                                  : nullptr;
      if (two) {
        // This character and the two-byte ones after it that stay two bytes (most Arabic
        // letters): the hot loop. Output never outgrows input here, so one room check.
        const std::size_t stop = std::min(n, i + (cap - o) - 2);
        for (;;) {
          std::memcpy(out + o, two, 2);
          const std::uint64_t b2 = std::uint64_t(i) * 0x100000001ull;  // {i, i}
          const std::uint64_t e2 = b2 + 0x200000002ull;                 // {i + 2, i + 2}
          std::memcpy(sb + o, &b2, 8);
          std::memcpy(se + o, &e2, 8);
          o += 2;
          i += 2;
          if (i + 1 >= stop) break;
          const unsigned char c0 = s[i], c1 = s[i + 1];
          if (c0 < 0xC2 || c0 > 0xDF || (c1 & 0xC0) != 0x80) break;
          const Entry f = bmp[(c0 & 0x1F) << 6 | (c1 & 0x3F)];
          if (f.kind == Kind::kKeep)
            two = in.data() + i;
          else if (f.kind == Kind::kMap && f.length == 2)
            two = pool + f.offset;
          else
            break;
        }
        last_char = o - 2;
        continue;
      }
    } else {
      const utf8::Decoded d = utf8::decode(in, i);
      if (!d.valid) {  // one U+FFFD per bad byte
        last_char = o;
        for (int k = 0; k < 3; ++k) {
          out[o] = "\xEF\xBF\xBD"[k];
          sb[o] = std::uint32_t(i);
          se[o] = std::uint32_t(i + 1);
          ++o;
        }
        ++i;
        continue;
      }
      cp = d.cp;
      size = d.size;
    }
    const Entry e = cp < 0x10000 ? bmp[cp] : Entry{};
    const auto begin = std::uint32_t(i), end = std::uint32_t(i + size);
    const char* src = nullptr;
    std::size_t len = 0;
    switch (e.kind) {
      case Kind::kKeep: src = in.data() + i, len = size; break;
      case Kind::kMap: src = pool + e.offset, len = e.length; break;
      case Kind::kDropMark:  // a diacritic belongs to the letter it sits on
        for (std::size_t j = last_char; j < o; ++j) se[j] = end;
        break;
      case Kind::kDropOther: break;
    }
    if (len != 0) {
      last_char = o;
      for (std::size_t k = 0; k < len; ++k) {
        out[o + k] = src[k];
        sb[o + k] = begin;
        se[o + k] = end;
      }
      o += len;
    }
    i = end;
  }
  w.o = o;
}

void Normalizer::normalize_and_tokenize(std::string_view in, NormalizedText& r,
                                        std::vector<Token>& tokens) const {
  pieces<false>(in, r, tokens, nullptr, nullptr);
}

void Normalizer::normalize_and_tokenize(std::string_view in, NormalizedText& r,
                                        std::vector<Token>& tokens, PieceAnnotator& annotator,
                                        std::vector<std::uint64_t>& notes) const {
  pieces<true>(in, r, tokens, &annotator, &notes);
}

template <bool kNotes>
void Normalizer::pieces(std::string_view in, NormalizedText& r, std::vector<Token>& tokens,
                        PieceAnnotator* annotator, std::vector<std::uint64_t>* notes) const {
  if (in.size() >= UINT32_MAX) throw std::length_error("alam: text larger than 4 GiB");
  tokens.clear();
  tokens.reserve(in.size() / 6 + 1);
  std::uint64_t owner = 0;
  if constexpr (kNotes) {
    notes->clear();
    notes->reserve(in.size() / 6 + 1);
    owner = annotator->owner();
  }
  Output w(r, in.size());
  PieceCache& cache = PieceCache::local();
  const std::uint64_t serial = tables_->serial;
  const char* const data = in.data();
  const std::size_t n = in.size();
  // The piece [pos, next): a space (but at the text start) and what follows up to the next;
  // its key and hash when it is short. The following piece's are found one step ahead, so that
  // its cache slot is on its way while this one is copied out.
  ShortKey key, key_after;
  std::size_t next = 0, after = 0;
  bool short_piece = n > 0 && next_piece(data, n, 0, next, key), short_after = false;
  std::uint64_t hash = short_piece ? PieceCache::hash(serial, key) : 0, hash_after = 0;
  for (std::size_t pos = 0; pos < n; pos = next, next = after, key = key_after,
                   short_piece = short_after, hash = hash_after) {
    if (next < n) {
      short_after = next_piece(data, n, next, after, key_after);
      hash_after = short_after ? PieceCache::hash(serial, key_after) : 0;
      if (short_after) cache.prefetch(hash_after);
    }
    const std::size_t base = w.o;
    if (short_piece) {
      if (const Piece* piece = cache.find(serial, key, hash)) {
        // Whole blocks of eight (the slack after the output has room for them; what lies past
        // text_len is overwritten next).
        w.reserve(Piece::kMaxText);
        std::memcpy(w.out + base, piece->text, Piece::kMaxText);
        add_offsets(w.sb + base, piece->src_begin, std::uint32_t(pos), piece->text_len);
        add_offsets(w.se + base, piece->src_end, std::uint32_t(pos), piece->text_len);
        const std::size_t first = tokens.size();
        for (std::size_t k = 0; k < piece->token_count; ++k) {
          const Piece::PieceToken& t = piece->tokens[k];
          tokens.push_back({std::uint32_t(base + t.begin), std::uint32_t(base + t.end), 0, 0,
                            t.script, t.space_before});
        }
        w.o += piece->text_len;
        if constexpr (kNotes) {
          PieceNotes& kept = cache.notes_of(*piece);
          if (kept.owner != owner) {
            annotator->annotate(std::string_view(w.out, w.o), tokens.data() + first,
                                piece->token_count, kept.notes);
            kept.owner = owner;
          }
          for (std::size_t k = 0; k < piece->token_count; ++k) notes->push_back(kept.notes[k]);
        }
        continue;
      }
    }
    append(in, pos, next, w);
    const std::size_t first = tokens.size();
    tokenize_append(std::string_view(w.out, w.o), base, tokens);
    const std::size_t text_len = w.o - base, token_count = tokens.size() - first;
    if constexpr (kNotes) {
      notes->resize(tokens.size());
      annotator->annotate(std::string_view(w.out, w.o), tokens.data() + first, token_count,
                          notes->data() + first);
    }
    if (!short_piece || text_len > Piece::kMaxText || token_count > Piece::kMaxTokens)
      continue;
    Piece& piece = cache.slot_for(serial, key, hash);
    piece.text_len = std::uint8_t(text_len);
    piece.token_count = std::uint8_t(token_count);
    std::memcpy(piece.text, w.out + base, text_len);
    for (std::size_t k = 0; k < text_len; ++k) {
      piece.src_begin[k] = std::uint8_t(w.sb[base + k] - pos);
      piece.src_end[k] = std::uint8_t(w.se[base + k] - pos);
    }
    for (std::size_t k = 0; k < token_count; ++k) {
      const Token& t = tokens[first + k];
      piece.tokens[k] = {std::uint8_t(t.begin - base), std::uint8_t(t.end - base), t.script,
                         t.space_before};
    }
    if constexpr (kNotes) {
      PieceNotes& kept = cache.notes_of(piece);
      std::copy_n(notes->data() + first, token_count, kept.notes);
      kept.owner = owner;
    }
  }
  w.finish();
}

std::string Normalizer::normalize_text(std::string_view utf8) const {
  return normalize(utf8).text;
}

}  // namespace alam
