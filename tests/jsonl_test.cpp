#include "alam/jsonl.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "alam/utf8.hpp"

namespace alam {
namespace {

TEST(Jsonl, ReadsTextIdAndEntities) {
  auto d = parse_document(
      R"({"id": "seed-03", "text": "قال SenseTime", "entities": [{"start": 4, "end": 13, "type": "ORG", "text": "SenseTime"}]})",
      true);
  ASSERT_TRUE(d) << d.status().message();
  EXPECT_EQ(d->id_json, "\"seed-03\"");
  ASSERT_EQ(d->entities.size(), 1u);
  EXPECT_EQ(d->entities[0].begin, 7u);  // bytes: قال is 6 bytes + space
  EXPECT_EQ(d->entities[0].end, 16u);
  EXPECT_EQ(d->entities[0].type, EntityType::kOrg);
}

TEST(Jsonl, NumericIdPassesThrough) {
  auto d = parse_document(R"({"id": 17, "text": "x"})", false);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->id_json, "17");
}

TEST(Jsonl, ErrorsNameTheColumn) {
  struct Case { const char* line; const char* message; };
  const Case cases[] = {
      {R"({"text": "abc)", "column 14: malformed JSON"},
      {R"({"text": 5})", "column 1: \"text\" is not a string"},
      {R"({"id": 1})", "column 1: missing \"text\""},
      {R"([1, 2])", "column 1: expected a JSON object"},
      {R"({"text": "ab"} x)", "column 16: malformed JSON"},
  };
  for (const Case& c : cases) {
    auto d = parse_document(c.line, false);
    ASSERT_FALSE(d) << c.line;
    EXPECT_EQ(d.status().message().rfind(c.message, 0), 0u) << d.status().message();
  }
}

TEST(Jsonl, EntityErrors) {
  EXPECT_FALSE(parse_document(R"({"text": "ab", "entities": [{"start": 0, "end": 5, "type": "ORG"}]})", true));
  EXPECT_FALSE(parse_document(R"({"text": "ab", "entities": [{"start": 0, "end": 1, "type": "FOO"}]})", true));
  EXPECT_FALSE(parse_document(R"({"text": "ab", "entities": [{"start": 0, "end": 1, "type": "ORG", "text": "b"}]})", true));
}

TEST(Jsonl, WritesOffsetsInCodePointsAndBytes) {
  const std::string text = "قال \"SenseTime\"\n";
  std::string out;
  append_document_json(out, "\"d1\"", text, {Span{8, 17, EntityType::kOrg, "SenseTime", "gaz:sensetime"}});
  EXPECT_EQ(out,
            R"({"id":"d1","text":"قال \"SenseTime\"\n","entities":[{"start":5,"end":14,"byte_start":8,"byte_end":17,"type":"ORG","text":"SenseTime","canonical":"SenseTime","source":"gaz:sensetime"}]})");
}

TEST(Jsonl, WritesBadBytesAsReplacementCharacters) {
  std::string out;
  append_document_json(out, "", "a\xff\x01", {});
  EXPECT_EQ(out, "{\"text\":\"a\uFFFD\\u0001\",\"entities\":[]}");
}

TEST(Jsonl, ASpanInsideACharacterStillWritesValidUtf8) {
  // Valid text, but a caller's span that starts and ends inside two-byte letters: its "text" is
  // ill-formed and must be written as U+FFFD, also when the text is known to be valid.
  const std::string text = "\u0642\u0627\u0644";  // قال
  for (const bool known_valid : {false, true}) {
    std::string out;
    append_document_json(out, "", text, {Span{1, 3, EntityType::kOrg, "", ""}}, known_valid);
    EXPECT_EQ(utf8::first_invalid(out), std::string_view::npos) << out;
    EXPECT_NE(out.find("\"text\":\"\uFFFD\uFFFD\""), std::string::npos) << out;
    // Past the end: clamped, no exception.
    out.clear();
    append_document_json(out, "", text, {Span{9, 12, EntityType::kOrg, "", ""}}, known_valid);
    EXPECT_NE(out.find("\"text\":\"\""), std::string::npos) << out;
  }
}

TEST(Jsonl, RoundTrip) {
  const std::string text = "وإنفيديا 😀 A100";
  const std::vector<Span> spans = {{2, 16, EntityType::kOrg, "Nvidia", "gaz:nvidia"},
                                   {22, 26, EntityType::kChip, "", "rule:chip.code"}};
  std::string out;
  append_document_json(out, "", text, spans);
  auto back = parse_document(out, true);
  ASSERT_TRUE(back) << back.status().message();
  ASSERT_EQ(back->entities.size(), 2u);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    EXPECT_EQ(back->entities[i].begin, spans[i].begin);
    EXPECT_EQ(back->entities[i].end, spans[i].end);
    EXPECT_EQ(back->entities[i].type, spans[i].type);
  }
}

}  // namespace
}  // namespace alam

namespace alam {
namespace {

// Found by fuzz/jsonl_fuzz.cpp: ids pass through byte for byte, also numbers that a JSON
// library would re-serialize differently (9247…E109), nested values and escapes.
TEST(Jsonl, IdsPassThroughVerbatim) {
  const std::string big = "92470000000000000000000000000000000000000000000000000000000000000000000000000000"
                          "000000000000000000000000000000.498050";
  const struct { std::string line, id; } cases[] = {
      {R"({"text":"x","id":)" + big + "}", big},
      {R"({"id" : {"a": [1, "}"] , "b":"\u0022"} , "text":"y"})", R"({"a": [1, "}"] , "b":"\u0022"})"},
      {R"({"text":"z","id":"q\"\\"})", R"("q\"\\")"},
      {R"({"id":1,"text":"a","id":2})", "2"},
  };
  for (const auto& c : cases) {
    auto d = parse_document(c.line, false);
    ASSERT_TRUE(d) << c.line << ": " << d.status().message();
    EXPECT_EQ(d->id_json, c.id);
    std::string out;
    append_document_json(out, d->id_json, d->text, {});
    auto again = parse_document(out, false);
    ASSERT_TRUE(again) << out;
    EXPECT_EQ(again->id_json, d->id_json);
  }
}

}  // namespace
}  // namespace alam

// append_json_string (eight bytes at a time for valid text) writes JSON that parses back to the
// text, with U+FFFD for each bad byte, on random mixes of escapes, letters and bad bytes.
TEST(Jsonl, JsonStringsParseBackOnRandomText) {
  const std::vector<std::string> pieces = {"a", " ", "\"", "\\", "\n", "\t", "\x01", "\x1f",
                                           "\x7f", "/", "\u0627", "\u00e9", "\u2019",
                                           "\U0001F600", "\xff", "\xc0\x80", "\xe2\x80"};
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int length = int(rng() % 30);
    for (int k = 0; k < length; ++k) s += pieces[rng() % pieces.size()];
    std::string json;
    alam::append_json_string(json, s);
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(json, ec);
    ASSERT_FALSE(ec) << json;
    ASSERT_TRUE(v.is_string());
    ASSERT_EQ(std::string_view(v.as_string()), alam::utf8::sanitize(s)) << json;
  }
}
