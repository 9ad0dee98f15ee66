#include "clitics.hpp"

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
