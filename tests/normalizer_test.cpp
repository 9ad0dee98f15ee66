#include "alam/normalizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "alam/tokenizer.hpp"
#include "alam/utf8.hpp"

namespace alam {
namespace {

const Normalizer& norm() {
  static const Normalizer n;
  return n;
}

struct Case {
  const char* input;
  const char* expected;
};

TEST(Normalizer, Rules) {
  const Case cases[] = {
      {"إنفيديا", "انفيديا"},                  // alef with hamza below
      {"أبل", "ابل"},                          // alef with hamza above
      {"آبل", "ابل"},                          // alef madda
      {"ٱلصين", "الصين"},                     // alef wasla
      {"إنفيـــديا", "انفيديا"},                // tatweel
      {"إِنْفِيدْيَا", "انفيديا"},              // tashkeel
      {"مصطفى", "مصطفي"},                     // alef maqsura
      {"شركة", "شركه"},                        // teh marbuta
      {"مؤسسة", "موسسه"},                      // hamza on waw
      {"هيئة", "هييه"},                         // hamza on yeh
      {"ﺇﻧﻔﻴﺪﻳﺎ", "انفيديا"},                   // presentation forms
      {"کیف", "كيف"},                          // Persian keheh and yeh
      {"ڤيديو", "فيديو"},                       // veh
      {"٢٠٢١", "2021"},                         // Arabic-Indic digits
      {"۲۰۲۱", "2021"},                         // Eastern Arabic-Indic digits
      {"٥٫٩", "5.9"},                           // Arabic decimal separator
      {"١٬٠٠٠", "1,000"},                       // Arabic thousands separator
      {"٪٢٠", "%20"},                           // Arabic percent sign
      {"NVIDIA", "nvidia"},                     // case folding
      {"Straße", "strasse"},                    // full case folding
      {"ＮＶＩＤＩＡ", "nvidia"},              // full-width forms
      {"\u200fإنفيديا\u200e", "انفيديا"},       // bidi marks
      {"\u2067H800\u2069", "h800"},             // isolates
      {"a\u00a0b", "a b"},                      // no-break space
      {"\xef\xbb\xbfX", "x"},                   // BOM
  };
  for (const Case& c : cases) EXPECT_EQ(norm().normalize_text(c.input), c.expected) << c.input;
}

TEST(Normalizer, OffsetMapPointsIntoOriginal) {
  // و + إنفيـديا with a tatweel inside: every normalized byte maps to its source character.
  const std::string in = "وإنفيـديا";
  const NormalizedText n = norm().normalize(in);
  ASSERT_EQ(n.text, "وانفيديا");
  ASSERT_EQ(n.src_begin.size(), n.text.size());
  EXPECT_EQ(n.src_begin[0], 0u);
  EXPECT_EQ(n.src_begin[2], 2u);  // ا came from إ at byte 2
  EXPECT_EQ(n.src_end[3], 4u);
  // the span of انفيديا (normalized bytes 2..16) is the original إنفيـديا including the tatweel
  using R = std::pair<std::size_t, std::size_t>;
  EXPECT_EQ(n.original_range(2, n.text.size()), R(2, in.size()));
}

TEST(Normalizer, DiacriticBelongsToItsLetter) {
  const std::string in = "بايدنُ،";  // damma on the final letter, then a comma
  const NormalizedText n = norm().normalize(in);
  ASSERT_EQ(n.text, "بايدن،");
  const auto [b, e] = n.original_range(0, 10);
  EXPECT_EQ(b, 0u);
  EXPECT_EQ(in.substr(b, e - b), "بايدنُ");
}

TEST(Normalizer, BidiMarkAfterNameIsOutside) {
  const std::string in = "Nvidia\u200f.";
  const NormalizedText n = norm().normalize(in);
  ASSERT_EQ(n.text, "nvidia.");
  const auto [b, e] = n.original_range(0, 6);
  EXPECT_EQ(in.substr(b, e - b), "Nvidia");
}

TEST(Normalizer, InvalidBytesBecomeReplacementCharacters) {
  const std::string in = "a\xff" "b";
  const NormalizedText n = norm().normalize(in);
  EXPECT_EQ(n.text, "a\uFFFDb");
  using R = std::pair<std::size_t, std::size_t>;
  EXPECT_EQ(n.original_range(1, 4), R(1, 2));
}

TEST(Normalizer, RulesCanBeSwitchedOff) {
  NormalizerOptions o;
  o.fold_case = false;
  o.fold_alef = false;
  o.strip_tatweel = false;
  const Normalizer n(o);
  EXPECT_EQ(n.normalize_text("Nvidia إنفيـديا"), "Nvidia إنفيـديا");
}

// Property: normalization is idempotent and every normalized byte maps to a code point
// boundary of the original, on random mixed text built from every kind of character.
TEST(Normalizer, PropertiesOnGeneratedText) {
  const std::vector<std::string> pieces = {
      "إ", "أ", "ا", "ـ", "ً", "ّ", "ة", "ى", "ؤ", "ئ", "ک", "٣", "۴", "٫", "٪", "\u200f",
      "\u200c", "\u202b", "\u2066", "\ufeff", "A", "z", "H800", " ", "-", ".", "ﻹ", "Ｎ",
      "\U0001F600", "\xff", "\xd8", "é", "e\u0301", "\u0670", "ß", "\t"};
  std::mt19937 rng(42);
  for (int round = 0; round < 500; ++round) {
    std::string in;
    const int len = int(rng() % 30);
    for (int i = 0; i < len; ++i) in += pieces[rng() % pieces.size()];
    const NormalizedText n = norm().normalize(in);
    ASSERT_EQ(n.src_begin.size(), n.text.size());
    ASSERT_EQ(n.src_end.size(), n.text.size());
    EXPECT_EQ(norm().normalize_text(n.text), n.text) << in;  // idempotent
    EXPECT_EQ(utf8::first_invalid(n.text), std::string::npos);
    for (std::size_t i = 0; i < n.text.size(); ++i) {
      ASSERT_LT(n.src_begin[i], n.src_end[i]);
      ASSERT_LE(n.src_end[i], in.size());
      // each starts on a code point boundary of the original (under the bad-byte rule)
      const std::size_t b = n.src_begin[i];
      const std::size_t cp = utf8::codepoint_offset(in, b);
      utf8::OffsetConverter conv(in);
      ASSERT_EQ(conv.to_byte(cp), b);
      if (i > 0) ASSERT_LE(n.src_begin[i - 1], n.src_begin[i]);
    }
  }
}

// normalize_and_tokenize must equal normalize + tokenize byte for byte, on first sight of a
// piece (computed and remembered) and on every repeat (served from the piece cache).
void expect_same_as_separate(const Normalizer& n, const std::string& in) {
  const NormalizedText want = n.normalize(in);
  const std::vector<Token> want_tokens = tokenize(want.text);
  NormalizedText got;
  std::vector<Token> got_tokens;
  n.normalize_and_tokenize(in, got, got_tokens);
  ASSERT_EQ(got.text, want.text) << in;
  ASSERT_TRUE(std::equal(got.src_begin.begin(), got.src_begin.end(), want.src_begin.begin(),
                         want.src_begin.end())) << in;
  ASSERT_TRUE(std::equal(got.src_end.begin(), got.src_end.end(), want.src_end.begin(),
                         want.src_end.end())) << in;
  ASSERT_EQ(got_tokens.size(), want_tokens.size()) << in;
  for (std::size_t k = 0; k < got_tokens.size(); ++k) {
    const Token &a = got_tokens[k], &b = want_tokens[k];
    ASSERT_TRUE(a.begin == b.begin && a.end == b.end && a.script == b.script &&
                a.space_before == b.space_before && a.source_begin == b.source_begin &&
                a.source_end == b.source_end)
        << in << " token " << k;
  }
}

TEST(NormalizeAndTokenize, EqualsNormalizeThenTokenizeOnGeneratedText) {
  // Every kind of character, and the cases at piece edges: a diacritic right after a space or
  // at the text start, bad bytes before a space, joiners at a piece's end (A- B, و- H800),
  // several spaces, long pieces and pieces of many tokens, expanding ligatures.
  const std::vector<std::string> parts = {
      " ", " ", " ", "  ", "إ", "أ", "ا", "ل", "و", "ب", "ـ", "ً", "ّ", "ة", "ى", "ؤ", "ئ",
      "ک", "٣", "۴", "٫", "٪", "،", "\u200f", "\u200c", "\u202b", "\u2066", "\ufeff", "A", "z",
      "Nvidia", "H800", "-", ".", ",", "'", "’", "(", "ﻹ", "Ｎ", "\U0001F600", "\xff", "\xd8",
      "\xe2\x80", "é", "e\u0301", "\u0301", "\u0670", "ß", "\t", "\u00a0", "\u3000", "ﷺ",
      "中文", "1", "2024", "الشركة", "وإنفيديا", "لـNvidia", "a.b,c-d(e)f!g?h"};
  std::mt19937 rng(7);
  const Normalizer& n = norm();
  std::vector<std::string> seen;
  for (int round = 0; round < 3000; ++round) {
    std::string in;
    const int len = int(rng() % 40);
    for (int i = 0; i < len; ++i) in += parts[rng() % parts.size()];
    expect_same_as_separate(n, in);
    if (HasFatalFailure()) return;
    seen.push_back(in);
    // Repeats: whole texts again, and texts made of pieces seen before.
    if (round % 3 == 0) expect_same_as_separate(n, seen[rng() % seen.size()]);
    if (round % 5 == 0) expect_same_as_separate(n, seen[rng() % seen.size()] + " " + in);
    if (HasFatalFailure()) return;
  }
}

TEST(NormalizeAndTokenize, NormalizersWithOtherRulesDoNotShareEntries) {
  NormalizerOptions keep_case;
  keep_case.fold_case = false;
  keep_case.fold_alef = false;
  const Normalizer other(keep_case);
  for (int round = 0; round < 3; ++round)
    for (const std::string in : {"قال Nvidia إن", " NVIDIA  أبل", "A100 وإنفيديا"}) {
      expect_same_as_separate(norm(), in);
      expect_same_as_separate(other, in);
      if (HasFatalFailure()) return;
    }
  NormalizedText a, b;
  std::vector<Token> ta, tb;
  norm().normalize_and_tokenize("x Nvidia", a, ta);
  other.normalize_and_tokenize("x Nvidia", b, tb);
  EXPECT_EQ(a.text, "x nvidia");
  EXPECT_EQ(b.text, "x Nvidia");
}

}  // namespace
}  // namespace alam
