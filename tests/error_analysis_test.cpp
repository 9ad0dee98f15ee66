// Confusion matrix of types and missed/spurious span lists (alam/error_analysis.hpp).
#include <gtest/gtest.h>

#include "alam/error_analysis.hpp"
#include "format_test_support.hpp"

namespace alam {
namespace {

using testing::span_of;

TEST(TypeConfusion, PairsSpansWithTheSameBoundaries) {
  const std::string t = "قالت إنفيديا إن Huawei و Ascend 910B في الصين عام 2021";
  const Document gold{"", t,
                      {span_of(t, "إنفيديا", EntityType::kOrg),
                       span_of(t, "Huawei", EntityType::kOrg),
                       span_of(t, "Ascend 910B", EntityType::kChip),
                       span_of(t, "الصين", EntityType::kLoc)}};
  const Document pred{"", t,
                      {span_of(t, "إنفيديا", EntityType::kOrg),
                       span_of(t, "Huawei", EntityType::kPerson),   // wrong type
                       span_of(t, "910B", EntityType::kChip),       // wrong boundaries
                       span_of(t, "2021", EntityType::kDate)}};     // spurious
  const TypeConfusion c = type_confusion({gold}, {pred});
  EXPECT_EQ(c.at(EntityType::kOrg, EntityType::kOrg), 1u);
  EXPECT_EQ(c.at(EntityType::kOrg, EntityType::kPerson), 1u);
  EXPECT_EQ(c.missed(EntityType::kChip), 1u);
  EXPECT_EQ(c.missed(EntityType::kLoc), 1u);
  EXPECT_EQ(c.spurious(EntityType::kChip), 1u);
  EXPECT_EQ(c.spurious(EntityType::kDate), 1u);
  EXPECT_TRUE(c.used(EntityType::kPerson));
  EXPECT_FALSE(c.used(EntityType::kMoney));
  std::size_t total = 0;
  for (const auto& row : c.cells)
    for (std::size_t n : row) total += n;
  EXPECT_EQ(total, 6u);  // 2 pairs, 2 missed, 2 spurious
}

TEST(SpanErrors, MissedThenSpuriousWithContext) {
  const std::string t = "😀 قالت وإنفيديا إن رقائق A800 ستباع";
  const Document gold{"", t, {span_of(t, "إنفيديا", EntityType::kOrg),
                              span_of(t, "A800", EntityType::kChip)}};
  const Document pred{"", t, {span_of(t, "وإنفيديا", EntityType::kOrg),
                              span_of(t, "A800", EntityType::kChip)}};
  const std::vector<SpanError> e = span_errors({gold, gold}, {pred, gold}, 12);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind, SpanError::Kind::kMissed);
  EXPECT_EQ(e[0].text, "إنفيديا");
  EXPECT_EQ(e[0].before, " قالت و");  // 12 bytes back, on a code point boundary
  EXPECT_EQ(e[0].after, " إن رقا");
  EXPECT_EQ(e[1].kind, SpanError::Kind::kSpurious);
  EXPECT_EQ(e[1].text, "وإنفيديا");
  EXPECT_EQ(e[1].document, 0u);
  // Offsets out of range or inside a character are clipped, never a crash.
  const Document bad{"", t, {{1, 400, EntityType::kOrg, {}, {}}}};
  EXPECT_EQ(span_errors({bad}, {Document{"", t, {}}}).size(), 1u);
}

}  // namespace
}  // namespace alam
