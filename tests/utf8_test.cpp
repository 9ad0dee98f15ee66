#include "alam/utf8.hpp"

#include <gtest/gtest.h>

namespace alam::utf8 {
namespace {

TEST(Utf8, DecodesEachLength) {
  const std::string s = "a\u00e9\u0625\U0001F600";
  EXPECT_EQ(decode(s, 0).cp, U'a');
  EXPECT_EQ(decode(s, 1).cp, U'\u00e9');
  EXPECT_EQ(decode(s, 3).cp, U'\u0625');
  EXPECT_EQ(decode(s, 5).cp, U'\U0001F600');
  EXPECT_EQ(decode(s, 5).size, 4);
}

TEST(Utf8, EveryBadByteIsOneReplacement) {
  struct Case { std::string bytes; std::size_t first_bad; std::string sanitized; };
  const Case cases[] = {
      {"ab\xff" "c", 2, "ab\uFFFDc"},
      {"\xc0\xaf", 0, "\uFFFD\uFFFD"},                  // overlong '/'
      {"\xed\xa0\x80", 0, "\uFFFD\uFFFD\uFFFD"},        // UTF-8 encoded surrogate
      {"\xf4\x90\x80\x80", 0, "\uFFFD\uFFFD\uFFFD\uFFFD"},  // above U+10FFFF
      {"x\xd8", 1, "x\uFFFD"},                          // cut short at the end
      {"\xd8x", 0, "\uFFFDx"},
      {"ok \u0645", std::string::npos, "ok \u0645"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(first_invalid(c.bytes), c.first_bad) << c.sanitized;
    EXPECT_EQ(sanitize(c.bytes), c.sanitized);
  }
}

TEST(Utf8, OffsetsCountCodePointsAndUtf16Units) {
  const std::string s = "\u0645a\U0001F600b\xff" "c";
  OffsetConverter conv(s);
  EXPECT_EQ(conv.codepoint_count(), 6u);
  EXPECT_EQ(conv.to_codepoint(0), 0u);
  EXPECT_EQ(conv.to_codepoint(2), 1u);
  EXPECT_EQ(conv.to_codepoint(3), 2u);
  EXPECT_EQ(conv.to_codepoint(7), 3u);
  EXPECT_EQ(conv.to_utf16(7), 4u);  // the emoji is two UTF-16 units
  EXPECT_EQ(conv.to_codepoint(9), 5u);  // after the bad byte
  EXPECT_EQ(conv.to_byte(3), 7u);
  EXPECT_EQ(codepoint_offset(s, 9), 5u);
}

}  // namespace
}  // namespace alam::utf8
