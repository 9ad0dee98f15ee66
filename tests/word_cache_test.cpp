// The word cache's wheres (word_cache.hpp), which the tagger keeps with the pieces of text it has
// seen (piece_cache.hpp): following one gives the facts of the filling it was given for, or
// nothing, never another token's facts; and when the stamps run out, no where is handed out
// twice without start_document saying so.
#include "word_cache.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/tagger.hpp"
#include "piece_cache.hpp"

namespace alam {
namespace {

// A cache of its own (512 KB, zeroed like the per-thread ones) and tokens that each fill their
// facts with a mark of their own: id = the token's number.
struct Fixture {
  ZeroedPtr<WordCache> cache = zeroed<WordCache>();
  std::vector<std::string> words;

  explicit Fixture(std::size_t n) {
    std::mt19937 rng(11);
    std::set<std::string> seen;
    while (words.size() < n) {
      std::string w;
      for (int k = 1 + int(rng() % 12); k > 0; --k) w.push_back(char('a' + rng() % 26));
      if (seen.insert(w).second) words.push_back(w);
    }
  }
  const WordFacts& get(std::size_t i, std::uint64_t& where, std::uint64_t serial = 1) {
    return cache->get(serial, 0, words[i], 0, words[i].size(),
                      [&](WordFacts& f) { f.id = std::uint32_t(i); }, where);
  }
};

TEST(WordCache, FollowingAWhereGivesItsOwnFillingOrNothing) {
  Fixture fx(20000);
  std::vector<std::uint64_t> wheres(fx.words.size());
  std::set<std::uint64_t> distinct;
  std::mt19937 rng(5);
  for (int round = 0; round < 4; ++round)
    for (std::size_t i = 0; i < fx.words.size(); ++i) {
      const std::size_t t = round == 0 ? i : rng() % fx.words.size();
      std::uint64_t where;
      ASSERT_EQ(fx.get(t, where).id, t);
      ASSERT_NE(where, 0u);
      ASSERT_TRUE(wheres[t] == where || distinct.insert(where).second)
          << "where " << where << " given twice";
      wheres[t] = where;
    }
  // 20,000 tokens through 4,096 slots: most wheres are stale, the last ones still hold.
  std::size_t held = 0, stale = 0;
  for (std::size_t t = 0; t < fx.words.size(); ++t) {
    if (wheres[t] == 0) continue;
    const WordFacts* f = fx.cache->follow(wheres[t], 1);
    if (f == nullptr) {
      ++stale;
      continue;
    }
    ++held;
    ASSERT_EQ(f->id, t) << "a where led to another token's facts";
    EXPECT_EQ(fx.cache->follow(wheres[t], 2), nullptr) << "another tagger's serial";
  }
  EXPECT_GT(held, 1000u);
  EXPECT_GT(stale, 1000u);
  EXPECT_EQ(fx.cache->follow(0, 1), nullptr);
}

TEST(WordCache, NoWhereIsGivenTwiceWhenTheStampsRunOut) {
  Fixture fx(300);
  std::uint64_t where;
  ASSERT_FALSE(fx.cache->start_document());
  fx.cache->use_up_stamps_but(100);
  std::map<std::uint64_t, std::size_t> given;  // where → token, since stamps last started
  for (std::size_t t = 0; t < 300; ++t) {
    fx.get(t, where);
    if (t < 100) {
      ASSERT_NE(where, 0u);
      ASSERT_TRUE(given.emplace(where, t).second);
    } else {
      ASSERT_EQ(where, 0u) << "token " << t << " got a where with no stamps left";
    }
  }
  for (const auto& [w, t] : given) {  // still valid until the next document
    const WordFacts* f = fx.cache->follow(w, 1);
    if (f) EXPECT_EQ(f->id, t);
  }
  // The next document starts the stamps again and says so; kept slots take new ones.
  ASSERT_TRUE(fx.cache->start_document());
  ASSERT_FALSE(fx.cache->start_document());
  std::set<std::uint64_t> fresh;
  for (std::size_t t = 0; t < 300; ++t) {
    fx.get(t, where);
    ASSERT_NE(where, 0u);
    ASSERT_TRUE(fresh.insert(where).second);
    ASSERT_EQ(fx.cache->follow(where, 1)->id, t);
  }
}

// The tagger through all of it: notes kept with pieces, followed wheres, and the stamps running
// out in the middle of a document and starting again at the next one give the spans a fresh
// tagger gives.
TEST(WordCache, TaggingAcrossTheStampsRunningOutChangesNoSpan) {
  const std::vector<std::string> texts = {
      "قالت إنفيديا إن رقائق A800 وH800 لـNvidia بالصين ارتفعت 5% في 2024",
      "وأضاف جنسن هوانغ، الرئيس التنفيذي لشركة إنفيديا، أن الطلب على H100 قوي",
      "Nvidia and SenseTime said on Monday that revenue rose to $3 billion",
      "أعلنت هواوي عن رقاقة Ascend 910B بسعر 100 مليون دولار في شنغهاي"};
  auto gazetteer = std::make_shared<const Gazetteer>(Gazetteer::embedded().value());
  const Tagger reference(gazetteer);
  std::vector<std::vector<Span>> want;
  for (const std::string& t : texts) {
    want.push_back(reference.tag(t));
    ASSERT_GE(want.back().size(), 2u) << t;
  }

  const Tagger tagger(gazetteer);
  auto expect_same = [&](const char* when) {
    for (std::size_t k = 0; k < texts.size(); ++k) {
      const std::vector<Span> got = tagger.tag(texts[k]);
      ASSERT_EQ(got.size(), want[k].size()) << when << ": " << texts[k];
      for (std::size_t s = 0; s < got.size(); ++s)
        EXPECT_EQ(got[s], want[k][s]) << when << ": " << texts[k] << " span " << s;
    }
  };
  expect_same("first sight");
  expect_same("pieces and words remembered");
  for (std::uint32_t left : {0u, 3u, 40u}) {
    WordCache::local().use_up_stamps_but(left);
    expect_same("stamps running out");
    expect_same("stamps started again");
  }
}

}  // namespace
}  // namespace alam
