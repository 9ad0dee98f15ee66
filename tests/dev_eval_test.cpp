// Accuracy on the shared dev data (../shared/eval/dev), when it exists beside the checkout.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "alam/eval.hpp"
#include "alam/tagger.hpp"

namespace alam {
namespace {

double core_strict_f1(const std::filesystem::path& gold_file) {
  auto g = Gazetteer::embedded();
  EXPECT_TRUE(g) << g.status().message();
  const Tagger tagger(std::make_shared<const Gazetteer>(std::move(g).value()));
  std::ifstream in(gold_file);
  std::string line;
  std::vector<Document> gold, pred;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    auto d = parse_document(line, true);
    EXPECT_TRUE(d) << gold_file << ":" << line_no << ": " << d.status().message();
    if (!d) continue;
    pred.push_back({d->id_json, d->text, tagger.tag(d->text)});
    gold.push_back(std::move(d).value());
  }
  EXPECT_FALSE(gold.empty());
  return evaluate(gold, pred).strict_core.f1();
}

TEST(DevEval, SeedCoreStrictF1AtLeast097) {
  const std::filesystem::path seed = std::filesystem::path(ALAM_SHARED_DIR) / "eval/dev/seed.jsonl";
  if (!std::filesystem::exists(seed)) GTEST_SKIP() << "no " << seed << ": shared dev data absent";
  EXPECT_GE(core_strict_f1(seed), 0.97);  // 1.000 today
}

TEST(DevEval, NewsCoreStrictF1AtLeast097) {
  const std::filesystem::path news = std::filesystem::path(ALAM_SHARED_DIR) / "eval/dev/news.jsonl";
  if (!std::filesystem::exists(news)) GTEST_SKIP() << "no " << news << ": shared dev data absent";
  EXPECT_GE(core_strict_f1(news), 0.97);  // 0.994 today
}

}  // namespace
}  // namespace alam
