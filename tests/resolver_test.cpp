#include "resolver.hpp"

#include <gtest/gtest.h>

namespace alam {
namespace {

Candidate cand(std::uint32_t t0, std::uint32_t t1, std::uint32_t b, std::uint32_t e,
               std::uint8_t prio, EntityType type = EntityType::kOrg) {
  Candidate c;
  c.first_token = t0, c.last_token = t1, c.begin = b, c.end = e, c.priority = prio, c.type = type;
  return c;
}

TEST(Resolver, LongestWins) {
  auto r = resolve({cand(0, 1, 0, 5, priority::kGazetteer),
                    cand(0, 2, 0, 17, priority::kGazetteer, EntityType::kLoc),
                    cand(1, 2, 6, 17, priority::kGazetteer)},
                   3);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].type, EntityType::kLoc);
}

TEST(Resolver, PriorityBreaksTiesAndOutputIsSorted) {
  auto r = resolve({cand(3, 4, 20, 24, priority::kGrammar, EntityType::kChip),
                    cand(3, 4, 20, 24, priority::kGazetteer, EntityType::kProduct),
                    cand(0, 1, 0, 4, priority::kGrammar, EntityType::kDate)},
                   5);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].type, EntityType::kDate);
  EXPECT_EQ(r[1].type, EntityType::kProduct);
}

TEST(Resolver, StopEntriesBlock) {
  auto r = resolve({cand(0, 1, 0, 2, priority::kStop, EntityType::kStop),
                    cand(0, 1, 0, 2, priority::kGrammar, EntityType::kOrg)},
                   1);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].type, EntityType::kStop);
}

TEST(Resolver, NeverOverlaps) {
  std::vector<Candidate> cs;
  for (std::uint32_t i = 0; i < 50; ++i) {
    const std::uint32_t t0 = (i * 7) % 17, t1 = t0 + 1 + i % 3;  // token i spans bytes [10i, 10i+9)
    cs.push_back(cand(t0, t1, t0 * 10, t1 * 10 - 1, std::uint8_t(i % 3)));
  }
  auto r = resolve(cs, 20);
  for (std::size_t i = 1; i < r.size(); ++i) {
    EXPECT_LE(r[i - 1].begin, r[i].begin);
    EXPECT_LE(r[i - 1].last_token, r[i].first_token);
  }
}

}  // namespace
}  // namespace alam
