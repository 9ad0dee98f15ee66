#include "clitics.hpp"
#include "word_cache.hpp"

#include <gtest/gtest.h>

namespace alam {
namespace {

std::vector<std::pair<std::uint32_t, std::string>> splits(std::string_view token) {
  Stems stems;
  stems.split(token);
  std::vector<std::pair<std::uint32_t, std::string>> out;
  for (const Stem& s : stems) out.emplace_back(s.skip, std::string(s.key));
  return out;
}

TEST(Clitics, UnsplitComesFirst) {
  const auto s = splits("وانفيديا");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0].first, 0u);
  EXPECT_EQ(s[0].second, "وانفيديا");
  EXPECT_NE(std::find(s.begin(), s.end(), std::make_pair(2u, std::string("انفيديا"))), s.end());
}

// The word cache keeps at most WordFacts::kMaxStems stems of a token: every token of up to
// five letters from the proclitic letters and a few others (all 5^8 would be slow; 8^5 covers
// every proclitic sequence) splits into no more.
TEST(Clitics, NoTokenHasMoreStemsThanTheWordCacheKeeps) {
  const std::vector<std::string> letters = {"\u0648", "\u0641", "\u0628", "\u0643",
                                            "\u0644", "\u0627", "\u0633", "\u0645"};
  std::size_t most = 0;
  Stems stems;
  for (std::size_t code = 0; code < 8 * 8 * 8 * 8 * 8; ++code) {
    std::string token;
    for (std::size_t c = code, k = 0; k < 5; ++k, c /= 8) token += letters[c % 8];
    stems.split(token);
    most = std::max(most, stems.size());
    ASSERT_LE(stems.size(), WordFacts::kMaxStems) << token;
  }
  EXPECT_EQ(most, WordFacts::kMaxStems);  // the bound is reached (ولل…: whole, و, ول, ولال)
}

TEST(Clitics, ConjunctionAndPreposition) {
  const auto s = splits("وبالصين");
  EXPECT_NE(std::find(s.begin(), s.end(), std::make_pair(4u, std::string("الصين"))), s.end());
  EXPECT_NE(std::find(s.begin(), s.end(), std::make_pair(2u, std::string("بالصين"))), s.end());
}

TEST(Clitics, LamLamContractionRestoresTheArticle) {
  const auto s = splits("للصين");
  // skip one ل; the stem's key gets its alif back
  EXPECT_NE(std::find(s.begin(), s.end(), std::make_pair(2u, std::string("الصين"))), s.end());
  EXPECT_NE(std::find(s.begin(), s.end(), std::make_pair(2u, std::string("لصين"))), s.end());
}

TEST(Clitics, StemKeepsTwoLetters) {
  for (const auto& [skip, key] : splits("وبي")) EXPECT_GE(key.size(), 4u) << key;
  EXPECT_EQ(splits("وب").size(), 1u);
}

TEST(Clitics, FutureMarkerIsNeverSplit) {
  for (const auto& [skip, key] : splits("سيقول")) EXPECT_EQ(skip, 0u);
}

TEST(Clitics, RestoredKeysSurviveLaterSplitsUntilReused) {
  Stems stems;
  stems.split("وللصين");
  bool restored = false;
  for (const Stem& s : stems)
    if (s.restored) {
      restored = true;
      EXPECT_EQ(s.key, "الصين");
      EXPECT_EQ(s.skip, 4u);
    }
  EXPECT_TRUE(restored);
  stems.whole("abc");
  ASSERT_EQ(stems.size(), 1u);
  EXPECT_EQ(stems[0].key, "abc");
}

TEST(Clitics, StripArticle) {
  EXPECT_EQ(strip_article("الرقائق"), "رقائق");
  EXPECT_EQ(strip_article("رقائق"), "رقائق");
  EXPECT_EQ(strip_article("ال"), "ال");
}

}  // namespace
}  // namespace alam
