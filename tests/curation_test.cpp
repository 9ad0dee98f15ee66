#include <gtest/gtest.h>

#include <algorithm>

#include "alam/curation.hpp"
#include "alam/gazetteer.hpp"
#include "alam/variants.hpp"

namespace alam {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(Variants, LatinSoundsGetTheirUsualArabicSpellings) {
  const auto google = arabic_spellings("Google");
  EXPECT_TRUE(contains(google, "غوغل"));  // g → غ
  EXPECT_TRUE(contains(google, "جوجل"));  // g → ج
  const auto samsung = arabic_spellings("Samsung");
  EXPECT_TRUE(contains(samsung, "سامسونغ"));
  EXPECT_TRUE(contains(samsung, "سامسونج"));
  EXPECT_TRUE(contains(arabic_spellings("Vivo"), "ڤيفو"));      // v → ڤ
  EXPECT_TRUE(contains(arabic_spellings("Chery"), "تشيري"));    // ch → تش
  EXPECT_TRUE(contains(arabic_spellings("Chery"), "شيري"));
  EXPECT_TRUE(contains(arabic_spellings("Pixel"), "پيكسل"));    // p → پ
  EXPECT_LE(arabic_spellings("Pinduoduo", 5).size(), 5u);
  EXPECT_TRUE(arabic_spellings("").empty());
}

TEST(Variants, ArabicAlternations) {
  const auto huang = arabic_variants("هوانغ");
  EXPECT_TRUE(contains(huang, "هوانج"));
  EXPECT_TRUE(contains(huang, "هونغ"));  // long vowel dropped
  EXPECT_FALSE(contains(huang, "هوانغ"));  // never the input
  EXPECT_TRUE(contains(arabic_variants("فولكس"), "ڤولكس"));
}

TEST(Variants, SuggestionsSkipKnownAndReportCollisions) {
  auto entities = parse_entities({{"v.gaz",
                                   "[google] ORG\nname = Google\nalias = غوغل\n"
                                   "[jogl] ORG\nname = Jogl\nalias = جوغل\n"}});
  ASSERT_TRUE(entities);
  const auto suggestions = suggest_variants(*entities);
  bool collision = false, known = false;
  for (const VariantSuggestion& s : suggestions) {
    if (s.entity == 0 && s.variant == "جوغل") collision = s.collides_with == "jogl";
    known |= s.entity == 0 && s.variant == "غوغل";
  }
  EXPECT_TRUE(collision);
  EXPECT_FALSE(known);
  auto copy = *entities;
  const std::size_t added = add_generated_variants(copy, suggestions);
  EXPECT_GT(added, 0u);
  EXPECT_TRUE(copy[0].aliases.back().generated);
  EXPECT_TRUE(Gazetteer::from_sources({{"v.gaz", "[x] ORG\nname = X\nalias[gen] = اكس\n"}}));
}

Span sp(std::size_t b, std::size_t e, EntityType t) { return {b, e, t, {}, {}}; }

TEST(Curation, DiffSpans) {
  using K = SpanChange::Kind;
  const std::vector<Span> before = {sp(0, 5, EntityType::kOrg), sp(10, 15, EntityType::kLoc),
                                    sp(20, 25, EntityType::kOrg), sp(30, 35, EntityType::kChip)};
  const std::vector<Span> after = {sp(0, 5, EntityType::kOrg), sp(10, 15, EntityType::kOrg),
                                   sp(20, 27, EntityType::kOrg), sp(40, 45, EntityType::kDate)};
  const auto d = diff_spans(before, after);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].kind, K::kRetyped);
  EXPECT_EQ(d[1].kind, K::kMoved);
  EXPECT_EQ(d[2].kind, K::kVanished);
  EXPECT_EQ(d[3].kind, K::kAppeared);
  EXPECT_TRUE(diff_spans(before, before).empty());
}

TEST(Curation, SuggestionsRankGrammarFoundNames) {
  SuggestionCollector c;
  const std::string t1 = "في شركة DZT Research قال", t2 = "و DZT Research أيضا";
  const Span g1{7 + 2, 7 + 2 + 12, EntityType::kOrg, {}, "rule:org.cue"};
  c.add(t1, {Span{t1.find("DZT"), t1.find("DZT") + 12, EntityType::kOrg, {}, "rule:org.cue"}});
  c.add(t2, {Span{t2.find("DZT"), t2.find("DZT") + 12, EntityType::kOrg, {}, "rule:org.suffix"},
             Span{0, 1, EntityType::kOrg, "X", "gaz:x"}});
  (void)g1;
  const auto r = c.ranked(2);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].text, "DZT Research");
  EXPECT_EQ(r[0].count, 2u);
  EXPECT_EQ(r[0].rule, "org.cue");
  EXPECT_EQ(r[0].examples.size(), 2u);
  EXPECT_TRUE(c.ranked(3).empty());
}

}  // namespace
}  // namespace alam
