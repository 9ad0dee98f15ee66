#include "alam/utf8.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

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

// The word-at-a-time fast paths of first_invalid and count_codepoints agree with decoding
// sequence by sequence, on random mixes of good and bad sequences at every alignment.
TEST(Utf8, FastPathsAgreeWithDecodingOnRandomText) {
  const std::vector<std::string> pieces = {
      "a", " ", "Z9", "\"", "\\", "\n", "\x01",              // ASCII, JSON escapes
      "\u0627", "\u0644", "\u00e9", "\u07ff", "\u0080",      // two-byte
      "\u2019", "\u200f", "\uffff", "\U0001F600",            // three- and four-byte
      "\xc0\x80", "\xc1\xbf", "\xc2", "\xdf", "\x80", "\xbf", "\xff", "\xfe",  // bad
      "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x80", "\xf0\x9f\x98",
      "\xd8\x41", "\xd8\xd8"};
  auto reference_first_invalid = [](std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
      const alam::utf8::Decoded d = alam::utf8::decode(s, i);
      if (!d.valid) return i;
      i += d.size;
    }
    return std::string_view::npos;
  };
  auto reference_count = [](std::string_view s) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++count) i += alam::utf8::decode(s, i).size;
    return count;
  };
  std::mt19937 rng(20261128);
  for (int round = 0; round < 60000; ++round) {
    std::string s;
    const int length = int(rng() % 40);
    // A third without bad pieces, a third of anything, a third of ASCII and two-byte
    // characters only (the 16-byte path's own case) with at most one other piece somewhere.
    const int mode = int(rng() % 3);
    for (int k = 0; k < length; ++k) {
      const std::size_t limit = mode == 0 ? 16 : mode == 1 ? pieces.size() : 12;
      s += pieces[rng() % limit];
    }
    if (mode == 2 && rng() % 2 == 0 && !s.empty())
      s.insert(rng() % s.size(), pieces[12 + rng() % (pieces.size() - 12)]);
    ASSERT_EQ(alam::utf8::first_invalid(s), reference_first_invalid(s)) << ::testing::PrintToString(s);
    ASSERT_EQ(alam::utf8::count_codepoints(s), reference_count(s)) << ::testing::PrintToString(s);
    if (reference_first_invalid(s) == std::string_view::npos)
      ASSERT_EQ(alam::utf8::count_codepoints(s, true), reference_count(s));
  }
}
