// alam/normalizer.hpp — matching form of a text, with an exact map back to the original bytes.
//
//   alam::Normalizer norm;                        // default rules, see docs/normalization.md
//   alam::NormalizedText n = norm.normalize("وإنفيـديا");
//   // n.text == "وانفيديا"; n.original_range(2, n.text.size()) == {2, 17}
//
// Normalization is for matching only: spans are always reported in original byte offsets.
// Thread-safety: a Normalizer is immutable after construction; normalize() and
// normalize_and_tokenize() are const and may be called from many threads at once (the piece
// cache of normalize_and_tokenize is per thread). Bad input: ill-formed UTF-8 bytes become
// U+FFFD, one per byte, each mapped to its own original byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alam {

struct Token;

// An allocator that leaves new elements uninitialized on resize (for the offset map, which the
// normalizer fills completely).
template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind { using other = DefaultInitAllocator<U>; };
  using std::allocator<T>::allocator;
  template <typename U>
  void construct(U* p) noexcept { ::new (static_cast<void*>(p)) U; }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) { ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...); }
};
using OffsetVector = std::vector<std::uint32_t, DefaultInitAllocator<std::uint32_t>>;

// Every rule can be switched off. The defaults are what gazetteer matching uses.
struct NormalizerOptions {
  bool strip_diacritics = true;    // Arabic tashkeel, superscript alef, Quranic marks
  bool strip_tatweel = true;       // U+0640
  bool strip_controls = true;      // bidi marks and isolates, ZWJ, ZWNJ, BOM, soft hyphen
  bool fold_alef = true;           // أ إ آ ٱ → ا
  bool fold_alef_maqsura = true;   // ى → ي
  bool fold_teh_marbuta = true;    // ة → ه
  bool fold_hamza_carriers = true; // ؤ → و, ئ → ي
  bool fold_persian = true;        // ک → ك, ی → ي, ڤ → ف, پ → ب, چ → ج, گ → ك, ە ۀ → ه
  bool fold_digits = true;         // ٠–٩ and ۰–۹ → 0–9; ٫ → . ; ٬ → , ; ٪ → %
  bool fold_case = true;           // Unicode full case folding
  bool fold_compat = true;         // NFKC: presentation forms, full-width and other compat forms
  bool fold_accents = false;       // é → e (decompose and drop combining marks)
  bool fold_spaces = true;         // every Unicode space separator → U+0020
};

// The normalized text and, for each of its bytes, the original byte range it came from.
struct NormalizedText {
  std::string text;
  // For normalized byte i: the original bytes [src_begin[i], src_end[i]) that produced it.
  // Both vectors have text.size() entries. A removed diacritic extends src_end of the letter
  // before it; other removed characters (tatweel, bidi marks) belong to no normalized byte.
  OffsetVector src_begin;
  OffsetVector src_end;

  // Original byte range of normalized bytes [begin, end); begin < end <= text.size().
  std::pair<std::size_t, std::size_t> original_range(std::size_t begin, std::size_t end) const {
    return {src_begin[begin], src_end[end - 1]};
  }
};

class PieceAnnotator;

class Normalizer {
 public:
  explicit Normalizer(NormalizerOptions options = {});
  ~Normalizer();
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;

  const NormalizerOptions& options() const;

  // Normalizes utf8 (any bytes). Texts of 4 GiB or more are rejected with std::length_error.
  NormalizedText normalize(std::string_view utf8) const;
  // The same into out, reusing its storage (for callers that normalize many texts).
  void normalize(std::string_view utf8, NormalizedText& out) const;
  // The normalized text alone, without the offset map.
  std::string normalize_text(std::string_view utf8) const;
  // normalize(utf8, out), then tokenize(out.text, tokens) (alam/tokenizer.hpp): the same
  // results, faster on text that repeats its words. Each piece of the text from one ASCII space
  // to the next is looked up in a per-thread cache of pieces seen before (piece_cache.hpp).
  void normalize_and_tokenize(std::string_view utf8, NormalizedText& out,
                              std::vector<Token>& tokens) const;
  // The same for the tagger: annotator (an internal interface, lib/src/piece_cache.hpp) gives
  // the tokens of each piece notes that are remembered with the piece; notes gets one per token.
  void normalize_and_tokenize(std::string_view utf8, NormalizedText& out,
                              std::vector<Token>& tokens, PieceAnnotator& annotator,
                              std::vector<std::uint64_t>& notes) const;

 private:
  struct Tables;
  struct Output;
  void append(std::string_view utf8, std::size_t from, std::size_t to, Output& out) const;
  template <bool kNotes>
  void pieces(std::string_view utf8, NormalizedText& out, std::vector<Token>& tokens,
              PieceAnnotator* annotator, std::vector<std::uint64_t>* notes) const;
  std::shared_ptr<const Tables> tables_;
};

}  // namespace alam
