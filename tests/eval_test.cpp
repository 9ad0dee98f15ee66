#include "alam/eval.hpp"

#include <gtest/gtest.h>

namespace alam {
namespace {

Span sp(std::size_t b, std::size_t e, EntityType t) { return Span{b, e, t, {}, {}}; }

TEST(Eval, StrictCountsPerTypeCoreAndAll) {
  const std::string text = "SenseTime و Nvidia في 2021";
  std::vector<Document> gold = {{"", text, {sp(0, 9, EntityType::kOrg), sp(13, 19, EntityType::kOrg),
                                            sp(25, 29, EntityType::kDate)}}};
  std::vector<Document> pred = {{"", text, {sp(0, 9, EntityType::kOrg), sp(13, 19, EntityType::kLoc),
                                            sp(25, 29, EntityType::kDate)}}};
  const EvalReport r = evaluate(gold, pred);
  EXPECT_EQ(r.strict[0].tp, 1u);
  EXPECT_EQ(r.strict[0].fn, 1u);
  EXPECT_EQ(r.strict[int(EntityType::kLoc)].fp, 1u);
  EXPECT_EQ(r.strict_core.tp, 1u);
  EXPECT_EQ(r.strict_core.fp, 0u);  // LOC is not a core type
  EXPECT_EQ(r.strict_all.tp, 2u);
  EXPECT_EQ(r.strict_all.fp, 1u);
  EXPECT_NEAR(r.strict_all.f1(), 2.0 / 3.0, 1e-9);
}

TEST(Eval, LenientDropsProcliticsArticleAndTrailingPunctuation) {
  const std::string text = "وإنفيديا، بالصين";
  // gold: إنفيديا and الصين; prediction with the proclitics and a comma inside
  std::vector<Document> gold = {{"", text, {sp(2, 16, EntityType::kOrg), sp(21, 31, EntityType::kLoc)}}};
  std::vector<Document> pred = {{"", text, {sp(0, 18, EntityType::kOrg), sp(19, 31, EntityType::kLoc)}}};
  const EvalReport r = evaluate(gold, pred);
  EXPECT_EQ(r.strict_all.tp, 0u);
  EXPECT_EQ(r.lenient_all.tp, 2u);
  EXPECT_EQ(r.lenient_all.fp, 0u);
}

TEST(Eval, EmptyIsZeroNotNan) {
  const EvalReport r = evaluate({}, {});
  EXPECT_EQ(r.strict_all.f1(), 0.0);
  EXPECT_EQ(r.documents, 0u);
}

}  // namespace
}  // namespace alam
