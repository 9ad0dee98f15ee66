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

// Equally long, equally strong candidates at the same place: the first listed wins (the
// tagger lists a gazetteer alias's entities in file order), also among many (std::sort alone
// would reorder them past its insertion-sort threshold).
TEST(Resolver, FirstListedWinsAFullTie) {
  for (const std::uint32_t n : {2u, 40u, 300u}) {
    std::vector<Candidate> cs;
    for (std::uint32_t i = 0; i < n; ++i) {
      Candidate c = cand(2, 4, 10, 30, priority::kGazetteer);
      c.entity = std::int32_t((i * 37 + 11) % 1000);  // not in index order
      cs.push_back(c);
      cs.push_back(cand(0, 1, 0, 5, priority::kGrammar));  // shorter, elsewhere
    }
    const auto r = resolve(cs, 5);
    ASSERT_EQ(r.size(), 2u) << n;
    EXPECT_EQ(r[1].entity, cs[0].entity) << n;
  }
}

// The scratch form gives what the by-value form gives, whatever the scratch held before.
TEST(Resolver, ScratchFormMatchesAndReusesStorage) {
  ResolveScratch scratch;
  std::vector<Candidate> chosen(7, cand(9, 10, 90, 99, priority::kStop));  // stale contents
  for (std::uint32_t doc = 0; doc < 20; ++doc) {
    std::vector<Candidate> cs;
    const std::uint32_t tokens = 3 + (doc * 13) % 40;
    for (std::uint32_t i = 0; i < tokens * 2; ++i) {
      const std::uint32_t t0 = (i * 7 + doc) % tokens, t1 = std::min(tokens, t0 + 1 + i % 3);
      cs.push_back(cand(t0, t1, t0 * 10, t1 * 10 - 1, std::uint8_t((i + doc) % 4)));
      cs.back().entity = std::int32_t(i);
    }
    resolve(cs, tokens, chosen, scratch);
    const auto expected = resolve(cs, tokens);
    ASSERT_EQ(chosen.size(), expected.size()) << doc;
    for (std::size_t k = 0; k < chosen.size(); ++k) {
      EXPECT_EQ(chosen[k].begin, expected[k].begin) << doc;
      EXPECT_EQ(chosen[k].entity, expected[k].entity) << doc;
    }
  }
}

}  // namespace
}  // namespace alam
