// Drives the alam binary as a user would.
#include <gtest/gtest.h>

#include "alam/jsonl.hpp"
#include "cli_support.hpp"

namespace alam {
namespace {

using testing::alam_cmd;
using testing::run;
using testing::write_temp;

TEST(Cli, HelpAndVersion) {
  auto help = run(alam_cmd("--help"));
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("tag"), std::string::npos);
  EXPECT_NE(help.out.find("eval"), std::string::npos);
  auto tag_help = run(alam_cmd("tag --help"));
  EXPECT_EQ(tag_help.status, 0);
  EXPECT_NE(tag_help.out.find("--gazetteer"), std::string::npos);
  auto version = run(alam_cmd("--version"));
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.out.rfind("alam ", 0), 0u);
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run(alam_cmd("")).status, 2);
  EXPECT_EQ(run(alam_cmd("tag --format yaml </dev/null")).status, 2);
  EXPECT_EQ(run(alam_cmd("frobnicate")).status, 2);
}

TEST(Cli, TagsTextLinesAsJsonl) {
  const auto in = write_temp("in.txt", "قالت وإنفيديا إن رقائق A800 وH800\n\nلـNvidia\n");
  auto r = run(alam_cmd("tag " + in));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            R"({"text":"قالت وإنفيديا إن رقائق A800 وH800","entities":[{"start":6,"end":13,"byte_start":11,"byte_end":25,"type":"ORG","text":"إنفيديا","canonical":"Nvidia","source":"gaz:nvidia"},{"start":23,"end":27,"byte_start":42,"byte_end":46,"type":"CHIP","text":"A800","canonical":"A800","source":"gaz:chip-nvidia-a800"},{"start":29,"end":33,"byte_start":49,"byte_end":53,"type":"CHIP","text":"H800","canonical":"H800","source":"gaz:chip-nvidia-h800"}]})"
            "\n"
            R"({"text":"","entities":[]})"
            "\n"
            R"({"text":"لـNvidia","entities":[{"start":2,"end":8,"byte_start":4,"byte_end":10,"type":"ORG","text":"Nvidia","canonical":"Nvidia","source":"gaz:nvidia"}]})"
            "\n");
}

TEST(Cli, ReadsStdinAndJsonlWithIds) {
  const auto in = write_temp("in.jsonl", "{\"id\": \"a\", \"text\": \"SenseTime\"}\n\n{\"id\": 2, \"text\": \"x\"}\n");
  auto r = run(alam_cmd("tag --input jsonl < " + in));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(R"({"id":"a","text":"SenseTime","entities":[{"start":0,"end":9,)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"({"id":2,"text":"x","entities":[]})"), std::string::npos) << r.out;
}

TEST(Cli, MalformedJsonlNamesLineAndColumnAndWritesNothingForIt) {
  const auto in = write_temp("bad.jsonl", "{\"text\": \"SenseTime\"}\n{\"text\": \"x\" oops}\n{\"text\": \"y\"}\n");
  auto r = run(alam_cmd("tag --input jsonl " + in));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad.jsonl:2: column 14: malformed JSON"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;  // only line 1

  auto k = run(alam_cmd("tag --keep-going --input jsonl " + in));
  EXPECT_EQ(k.status, 1);
  EXPECT_EQ(std::count(k.out.begin(), k.out.end(), '\n'), 2) << k.out;  // lines 1 and 3
  auto missing = run(alam_cmd("tag --input jsonl " + write_temp("nt.jsonl", "{\"id\": 1}\n")));
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("nt.jsonl:1: column 1: missing \"text\""), std::string::npos);
}

TEST(Cli, InvalidUtf8WarnsOrFailsWithStrict) {
  const auto in = write_temp("bad.txt", "ok\nSenseTime \xff و\xc0 Nvidia\n");
  auto r = run(alam_cmd("tag " + in));
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.err.find("warning: " + in + ":2: invalid UTF-8 at byte offset 10"), std::string::npos) << r.err;
  // offsets index the original: Nvidia starts at byte 16, code point 15 (each bad byte is one)
  EXPECT_NE(r.out.find(R"("start":15,"end":21,"byte_start":16,"byte_end":22)"), std::string::npos) << r.out;
  auto s = run(alam_cmd("tag --strict " + in));
  EXPECT_EQ(s.status, 1);
  EXPECT_NE(s.err.find("error: " + in + ":2: invalid UTF-8"), std::string::npos);
  EXPECT_EQ(std::count(s.out.begin(), s.out.end(), '\n'), 1);
}

TEST(Cli, HandlesATenMegabyteLine) {
  std::string big;
  // 10 MB (1 MB under the sanitizers: ALAM_TEST_LIGHT).
  while (big.size() < testing::scaled(10'000'000))
    big += "قالت وإنفيديا إن رقائق A800 وH800 ستباع في الصين. ";
  const auto in = write_temp("big.txt", big + "\n");
  auto r = run(alam_cmd("tag " + in));
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = parse_document(r.out, true);
  ASSERT_TRUE(doc) << doc.status().message();
  EXPECT_EQ(doc->text, big);
  // four entities a sentence (إنفيديا A800 H800 الصين), none lost
  const std::size_t sentences = big.size() / std::string("قالت وإنفيديا إن رقائق A800 وH800 ستباع في الصين. ").size();
  EXPECT_EQ(doc->entities.size(), 4 * sentences);
}

TEST(Cli, HumanFormat) {
  const auto in = write_temp("h.txt", "رقائق A100\n");
  auto r = run(alam_cmd("tag --format human " + in));
  ASSERT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("CHIP"), std::string::npos);
  EXPECT_NE(r.out.find("A100"), std::string::npos);
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos);  // no colours when not a terminal
}

TEST(Cli, GazetteerReplaceAddAndErrors) {
  const auto gaz = write_temp("mine.gaz", "[acme] ORG\nname = Acme Labs\n");
  const auto in = write_temp("g.txt", "Acme Labs و Nvidia\n");
  auto replaced = run(alam_cmd("tag --gazetteer " + gaz + " --no-grammars " + in));
  ASSERT_EQ(replaced.status, 0) << replaced.err;
  EXPECT_NE(replaced.out.find("gaz:acme"), std::string::npos);
  EXPECT_EQ(replaced.out.find("gaz:nvidia"), std::string::npos);
  auto added = run(alam_cmd("tag --add-gazetteer " + gaz + " " + in));
  EXPECT_NE(added.out.find("gaz:acme"), std::string::npos);
  EXPECT_NE(added.out.find("gaz:nvidia"), std::string::npos);
  const auto bad = write_temp("bad.gaz", "[acme] ORG\nnme = Acme\n");
  auto err = run(alam_cmd("tag --gazetteer " + bad + " " + in));
  EXPECT_EQ(err.status, 4);
  EXPECT_NE(err.err.find(bad + ":2:1: unknown key 'nme'"), std::string::npos) << err.err;
  EXPECT_EQ(err.out, "");
  EXPECT_EQ(run(alam_cmd("tag /nonexistent/file.txt")).status, 3);
}

TEST(Cli, EvalScoresPredictionsAndGold) {
  const auto gold = write_temp("gold.jsonl",
      R"({"id": "1", "text": "قالت إنفيديا إن A100", "entities": [{"start": 5, "end": 12, "type": "ORG", "text": "إنفيديا"}, {"start": 16, "end": 20, "type": "CHIP", "text": "A100"}]})"
      "\n");
  auto r = run(alam_cmd("eval " + gold));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("strict core F1 1.000"), std::string::npos) << r.out;
  auto j = run(alam_cmd("eval --json " + gold));
  EXPECT_NE(j.out.find(R"("core":{"strict":{"tp":2,"fp":0,"fn":0)"), std::string::npos) << j.out;
  const auto pred = write_temp("pred.jsonl", R"({"text": "قالت إنفيديا إن A100", "entities": []})" "\n");
  auto p = run(alam_cmd("eval --json --pred " + pred + " " + gold));
  EXPECT_NE(p.out.find(R"("core":{"strict":{"tp":0,"fp":0,"fn":2)"), std::string::npos) << p.out;
  auto e = run(alam_cmd("eval --errors --pred " + pred + " " + gold));
  EXPECT_NE(e.out.find("missed"), std::string::npos);
}

}  // namespace
}  // namespace alam
