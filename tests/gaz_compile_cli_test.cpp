// alam gaz compile | variants | diff | suggest, driven as a user would.
#include <gtest/gtest.h>

#include "cli_support.hpp"

namespace alam {
namespace {

using testing::alam_cmd;
using testing::run;
using testing::write_temp;

TEST(GazCompileCli, CompileThenTagWithTheCompiledFile) {
  const auto gaz = write_temp("c.gaz", "[acme] ORG\nname = Acme Labs\nalias = أكمي\n");
  const auto out = (testing::temp_dir() / "c.alamc").string();
  auto c = run(alam_cmd("gaz compile " + gaz + " -o " + out));
  ASSERT_EQ(c.status, 0) << c.err;
  EXPECT_NE(c.err.find("compiled 1 entities"), std::string::npos) << c.err;
  const auto in = write_temp("c.txt", "قالت وأكمي إن Acme Labs\n");
  auto t = run(alam_cmd("tag --gazetteer " + out + " " + in));
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_EQ(std::count(t.out.begin(), t.out.end(), '{') - 1, 2) << t.out;  // two entities
  // A damaged compiled file is a clear error, never a crash.
  std::string bytes = testing::slurp(out);
  bytes[bytes.size() / 2] ^= 0x5A;
  const auto bad = write_temp("bad.alamc", bytes);
  auto b = run(alam_cmd("tag --gazetteer " + bad + " " + in));
  EXPECT_EQ(b.status, 4);
  EXPECT_NE(b.err.find("not a valid compiled gazetteer: checksum mismatch"), std::string::npos) << b.err;
  auto e = run(alam_cmd("gaz compile " + write_temp("e.gaz", "[x] ORG\n") + " -o " + out));
  EXPECT_EQ(e.status, 4);
  EXPECT_NE(e.err.find("e.gaz:1:1: entity 'x' has no 'name'"), std::string::npos) << e.err;
}

TEST(GazCompileCli, DiffShowsTheEffectOfAnEdit) {
  const auto before = write_temp("before.gaz", "[a] ORG\nname = Acme\n[b] LOC\nname = Bern\n");
  const auto after = write_temp("after.gaz", "[a] ORG\nname = Acme\n[b] ORG\nname = Bern\n[c] PERSON\nname = Cora Li\n");
  const auto corpus = write_temp("corpus.txt", "Acme in Bern\nwe met Cora Li\n");
  auto d = run(alam_cmd("gaz diff " + before + " " + after + " " + corpus));
  ASSERT_EQ(d.status, 0) << d.err;
  EXPECT_NE(d.out.find("corpus.txt:1: ~ LOC"), std::string::npos) << d.out;
  EXPECT_NE(d.out.find("→ ORG"), std::string::npos) << d.out;
  EXPECT_NE(d.out.find("corpus.txt:2: + PERSON"), std::string::npos) << d.out;
  EXPECT_NE(d.out.find("1 appeared, 0 vanished, 1 changed type"), std::string::npos) << d.out;
}

TEST(GazCompileCli, SuggestAndVariants) {
  const auto corpus = write_temp("s.txt",
                                 "في شركة Zorblax Labs قال\nأعلنت شركة Zorblax Labs اليوم\nشركة Quux\n");
  auto s = run(alam_cmd("gaz suggest " + corpus));
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_NE(s.out.find("2  ORG"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("Zorblax Labs"), std::string::npos) << s.out;
  EXPECT_EQ(s.out.find("Quux"), std::string::npos) << s.out;  // seen once: below --min-count
  auto v = run(alam_cmd("gaz variants Google"));
  ASSERT_EQ(v.status, 0);
  EXPECT_NE(v.out.find("Google\tجوجل"), std::string::npos) << v.out;
}

}  // namespace
}  // namespace alam
