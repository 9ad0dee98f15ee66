#include "alam/tokenizer.hpp"

#include <gtest/gtest.h>

#include "alam/normalizer.hpp"

namespace alam {
namespace {

std::vector<std::string> words(std::string_view text) {
  static const Normalizer norm;
  const NormalizedText n = norm.normalize(text);
  std::vector<std::string> out;
  for (const Token& t : tokenize(n.text)) out.emplace_back(t.view(n.text));
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenizer, ScriptChangesSplit) {
  EXPECT_EQ(words("وH800"), (V{"و", "h800"}));
  EXPECT_EQ(words("لـNvidia"), (V{"ل", "nvidia"}));
  EXPECT_EQ(words("الـA100"), (V{"ال", "a100"}));
  EXPECT_EQ(words("و2021"), (V{"و", "2021"}));
  EXPECT_EQ(words("A800 وH800"), (V{"a800", "و", "h800"}));
}

TEST(Tokenizer, NameInternalPunctuationStays) {
  EXPECT_EQ(words("A100-SXM4-80GB"), (V{"a100-sxm4-80gb"}));
  EXPECT_EQ(words("Alibaba.com"), (V{"alibaba.com"}));
  EXPECT_EQ(words("3.5 و1,000"), (V{"3.5", "و", "1,000"}));
  EXPECT_EQ(words("Cortex-X4"), (V{"cortex-x4"}));
  EXPECT_EQ(words("iFlytek"), (V{"iflytek"}));
}

TEST(Tokenizer, PunctuationSplits) {
  EXPECT_EQ(words("CFOTO/Future Publishing"), (V{"cfoto", "/", "future", "publishing"}));
  EXPECT_EQ(words("Nvidia. Next"), (V{"nvidia", ".", "next"}));
  EXPECT_EQ(words("(Huawei)،"), (V{"(", "huawei", ")", "،"}));
  EXPECT_EQ(words("a,b"), (V{"a", ",", "b"}));  // comma joins digits only
  EXPECT_EQ(words("58%"), (V{"58", "%"}));
  EXPECT_EQ(words("\"Team Green\""), (V{"\"", "team", "green", "\""}));
}

TEST(Tokenizer, ScriptClassesAndSpacing) {
  static const Normalizer norm;
  const NormalizedText n = norm.normalize("قال H800 A 2021 $");
  const std::vector<Token> t = tokenize(n.text);
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].script, Script::kArabic);
  EXPECT_EQ(t[1].script, Script::kMixed);
  EXPECT_EQ(t[2].script, Script::kLatin);
  EXPECT_EQ(t[3].script, Script::kDigit);
  EXPECT_EQ(t[4].script, Script::kSymbol);
  EXPECT_TRUE(t[1].space_before);
  const NormalizedText g = norm.normalize("وH800");
  EXPECT_FALSE(tokenize(g.text)[1].space_before);
}

TEST(Tokenizer, EmptyAndSpaceOnly) {
  EXPECT_TRUE(words("").empty());
  EXPECT_TRUE(words(" \t ").empty());
}

}  // namespace
}  // namespace alam
