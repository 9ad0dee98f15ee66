// The hostile-input table of docs/reliability.md: each case with its expected outcome (the
// message and the line/byte it names, the exit code, and every other document's output present
// and equal to tagging that document alone).
//
// This file is compiled twice: into alam_cli_tests (ALAM_BINARY defined: the cases that drive the
// `alam` binary, suite HostileCli) and into alam_tests (library cases, suite HostileLib).
//
// ALAM_TEST_LIGHT=1 (set by scripts/sanitize.sh) shrinks the 100 MB-scale cases tenfold; the
// peak-memory case is skipped in sanitizer builds (their allocators keep freed memory).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/gazetteer_edit.hpp"
#include "alam/jsonl.hpp"
#include "alam/tagger.hpp"
#include "alam/utf8.hpp"
#include "test_scale.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define ALAM_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define ALAM_TEST_SANITIZED 1
#endif
#endif

namespace alam {
namespace {

namespace fs = std::filesystem;
using testing::light;
using testing::scaled;

std::vector<std::string> split_lines(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      out.emplace_back(s.substr(start));
      break;
    }
    out.emplace_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& lines, std::string_view end = "\n") {
  std::string out;
  for (const std::string& l : lines) out.append(l).append(end);
  return out;
}

std::size_t count_of(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

}  // namespace
}  // namespace alam

#ifdef ALAM_BINARY
// =============================================================================================
// The alam binary (alam_cli_tests)

#include "cli_support.hpp"

namespace alam {
namespace {

using testing::alam_cmd;
using testing::run;
using testing::slurp;
using testing::temp_dir;
using testing::write_temp;

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = temp_dir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The JSONL output of tagging each of `docs` on its own: a file of just those documents, one a
// line (nothing carries over from one document to the next). Blank JSONL lines give nothing.
// Warnings (invalid UTF-8) are allowed only when `warnings` is true.
std::vector<std::string> tagged_alone(const std::vector<std::string>& docs,
                                      const std::string& input = "text", bool warnings = false) {
  const auto file = write_temp("alone.in", join_lines(docs));
  auto r = run(alam_cmd("tag --input " + input + " " + file));
  EXPECT_EQ(r.status, 0) << r.err;
  if (!warnings) EXPECT_EQ(r.err, "");
  std::size_t expected = docs.size();
  if (input == "jsonl")
    for (const std::string& d : docs) expected -= d.find_first_not_of(" \t") == std::string::npos;
  auto lines = split_lines(r.out);
  EXPECT_EQ(lines.size(), expected);
  return lines;
}

// Code point offset, byte offset and type/text of an entity as alam's JSONL writes it.
std::string entity_json(std::string_view text, std::size_t byte_begin, std::string_view name,
                        std::string_view type) {
  const std::size_t cp = utf8::codepoint_offset(text, byte_begin);
  const std::size_t cp_len = utf8::codepoint_offset(name, name.size());
  return "{\"start\":" + std::to_string(cp) + ",\"end\":" + std::to_string(cp + cp_len) +
         ",\"byte_start\":" + std::to_string(byte_begin) +
         ",\"byte_end\":" + std::to_string(byte_begin + name.size()) + ",\"type\":\"" +
         std::string(type) + "\",\"text\":\"" + std::string(name) + "\"";
}

// ---------------------------------------------------------------------------------------------
// Ill-formed UTF-8: invalid and overlong forms, encoded surrogates, cut sequences

struct BadUtf8 {
  const char* what;
  std::string bytes;
};

const std::vector<BadUtf8>& bad_utf8_cases() {
  static const std::vector<BadUtf8> cases = {
      {"a byte that starts nothing", "\xff"},
      {"a lone continuation byte", "\x80"},
      {"overlong 2-byte '/'", "\xc0\xaf"},
      {"overlong 3-byte '/'", "\xe0\x80\xaf"},
      {"overlong 4-byte '/'", "\xf0\x80\x80\xaf"},
      {"overlong NUL (modified UTF-8)", "\xc0\x80"},
      {"5-byte form", "\xf8\x88\x80\x80\x80"},
      {"6-byte form", "\xfc\x84\x80\x80\x80\x80"},
      {"lone high surrogate U+D800", "\xed\xa0\x80"},
      {"lone low surrogate U+DFFF", "\xed\xbf\xbf"},
      {"surrogate pair encoded as two sequences (CESU-8)", "\xed\xa0\xbd\xed\xb8\x80"},
      {"above U+10FFFF", "\xf4\x90\x80\x80"},
      {"a sequence cut by a space", "\xd8 "},
      {"a sequence cut at the end of the line", "\xe2\x82"},
  };
  return cases;
}

TEST(HostileCli, IllFormedUtf8NamesLineAndByteAndLosesNothing) {
  const auto& cases = bad_utf8_cases();
  std::vector<std::string> lines, good, bad;
  std::vector<std::size_t> bad_at;  // byte offset of the first bad byte
  for (std::size_t i = 0; i < cases.size(); ++i) {
    good.push_back("قالت إنفيديا إن رقائق A800 رقم " + std::to_string(i));
    const std::string prefix = std::string(i + 1, 'x') + " Nvidia ";
    const bool at_end = i + 1 == cases.size();
    bad.push_back(prefix + cases[i].bytes + (at_end ? "" : " وH800 لـNvidia"));
    bad_at.push_back(prefix.size());
    lines.push_back(good.back());
    lines.push_back(bad.back());
  }
  good.push_back("الصين");
  lines.push_back(good.back());
  const auto in = write_temp("bad_utf8.txt", join_lines(lines));
  const auto good_alone = tagged_alone(good);
  const auto bad_alone = tagged_alone(bad, "text", /*warnings=*/true);

  // Default: a warning naming line and byte for each bad line, every document tagged.
  auto r = run(alam_cmd("tag " + in));
  EXPECT_EQ(r.status, 0) << r.err;
  std::string warnings;
  for (std::size_t i = 0; i < cases.size(); ++i)
    warnings += "alam: warning: " + in + ":" + std::to_string(2 * i + 2) +
                ": invalid UTF-8 at byte offset " + std::to_string(bad_at[i]) +
                " (read as U+FFFD)\n";
  EXPECT_EQ(r.err, warnings);
  const auto out = split_lines(r.out);
  ASSERT_EQ(out.size(), lines.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].what);
    EXPECT_EQ(out[2 * i], good_alone[i]);
    EXPECT_EQ(out[2 * i + 1], bad_alone[i]);
    // The text shows one U+FFFD per bad byte; offsets still index the original bytes.
    auto doc = parse_document(out[2 * i + 1], false);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->text, utf8::sanitize(bad[i]));
    EXPECT_NE(out[2 * i + 1].find(entity_json(bad[i], bad[i].find("Nvidia"), "Nvidia", "ORG")),
              std::string::npos) << out[2 * i + 1];
    if (const std::size_t h = bad[i].find("H800"); h != std::string::npos)
      EXPECT_NE(out[2 * i + 1].find(entity_json(bad[i], h, "H800", "CHIP")), std::string::npos)
          << out[2 * i + 1];
  }
  EXPECT_EQ(out.back(), good_alone.back());

  // --strict: an error naming the first bad line and byte; alam stops there (exit 1).
  auto s = run(alam_cmd("tag --strict " + in));
  EXPECT_EQ(s.status, 1);
  EXPECT_EQ(s.err, "alam: error: " + in + ":2: invalid UTF-8 at byte offset " +
                       std::to_string(bad_at[0]) + "\n");
  EXPECT_EQ(s.out, good_alone[0] + "\n");

  // --strict --keep-going: every bad line reported, every good one tagged as if alone.
  auto k = run(alam_cmd("tag --strict --keep-going " + in));
  EXPECT_EQ(k.status, 1);
  std::string errors;
  for (std::size_t i = 0; i < cases.size(); ++i)
    errors += "alam: error: " + in + ":" + std::to_string(2 * i + 2) +
              ": invalid UTF-8 at byte offset " + std::to_string(bad_at[i]) + "\n";
  EXPECT_EQ(k.err, errors);
  EXPECT_EQ(k.out, join_lines(good_alone));
}

// In JSONL, text must be JSON: raw ill-formed UTF-8 and escaped lone surrogates are malformed
// JSON, reported with the line and the byte column; --keep-going tags every other line.
TEST(HostileCli, JsonlIllFormedUtf8AndLoneSurrogates) {
  struct Case {
    std::string line;
    std::size_t column;  // 0: a good line
    std::string message;
  };
  const std::vector<Case> cases = {
      {R"({"id":1,"text":"Nvidia A100"})", 0, ""},
      {"{\"id\":2,\"text\":\"Nv\xff" "idia\"}", 19, "malformed JSON: invalid UTF-8 (byte FF)"},
      {"{\"id\":3,\"text\":\"a \xc0\xaf b\"}", 19, "malformed JSON: invalid UTF-8 (byte C0)"},
      {"{\"id\":4,\"text\":\"a \xed\xa0\x80 b\"}", 19, "malformed JSON: invalid UTF-8 (byte ED)"},
      {"{\"id\":5,\"text\":\"cut \xe2\x82\"}", 21, "malformed JSON: invalid UTF-8 (byte E2)"},
      {R"({"id":6,"text":"a \ud800 b"})", 25, "malformed JSON"},      // lone high surrogate
      {R"({"id":7,"text":"a \udc00 b"})", 25, "malformed JSON"},      // lone low surrogate
      {R"({"id":8,"text":"\ud83d\ude00 Nvidia"})", 0, ""},           // a proper pair
      {R"({"id":9,"text":"\u0627\u0644\u0635\u064a\u0646"})", 0, ""},  // الصين, escaped
  };
  std::vector<std::string> lines, good;
  for (const Case& c : cases) {
    lines.push_back(c.line);
    if (c.column == 0) good.push_back(c.line);
  }
  const auto in = write_temp("bad_utf8.jsonl", join_lines(lines));
  const auto good_alone = tagged_alone(good, "jsonl");
  auto r = run(alam_cmd("tag --input jsonl --keep-going " + in));
  EXPECT_EQ(r.status, 1);
  const auto errors = split_lines(r.err);
  std::size_t e = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (cases[i].column == 0) continue;
    ASSERT_LT(e, errors.size()) << r.err;
    EXPECT_EQ(errors[e].rfind("alam: error: " + in + ":" + std::to_string(i + 1) + ": column " +
                                  std::to_string(cases[i].column) + ": " + cases[i].message,
                              0),
              0u)
        << errors[e];
    ++e;
  }
  EXPECT_EQ(e, errors.size()) << r.err;
  EXPECT_EQ(r.out, join_lines(good_alone));
  auto emoji = parse_document(good_alone[1], true);
  ASSERT_TRUE(emoji);
  EXPECT_EQ(emoji->text, "\U0001F600 Nvidia");
  EXPECT_NE(good_alone[2].find("\"text\":\"الصين\""), std::string::npos) << good_alone[2];
}

// ---------------------------------------------------------------------------------------------
// NUL bytes, a BOM, CRLF

TEST(HostileCli, NulBytesAreOrdinaryCharacters) {
  using namespace std::string_literals;
  const std::vector<std::string> docs = {"\0Nvidia"s, "Nvidia\0A100\0"s, "\0\0\0"s,
                                         "قالت\0إنفيديا"s, "Nvidia"s};
  const auto in = write_temp("nul.txt", join_lines(docs));
  auto r = run(alam_cmd("tag " + in));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  const auto out = split_lines(r.out);
  ASSERT_EQ(out.size(), docs.size()) << r.out;
  const std::vector<std::vector<std::pair<std::size_t, std::size_t>>> spans = {
      {{1, 7}}, {{0, 6}, {7, 11}}, {}, {{9, 23}}, {{0, 6}}};
  for (std::size_t i = 0; i < docs.size(); ++i) {
    auto doc = parse_document(out[i], true);
    ASSERT_TRUE(doc) << out[i];
    EXPECT_EQ(doc->text, docs[i]) << i;  // NUL round-trips as \u0000
    std::vector<std::pair<std::size_t, std::size_t>> got;
    for (const Span& s : doc->entities) got.emplace_back(s.begin, s.end);
    EXPECT_EQ(got, spans[i]) << out[i];
  }
  EXPECT_NE(r.out.find(R"({"text":"\u0000Nvidia","entities":[{"start":1,"end":7,)"),
            std::string::npos) << r.out;

  // JSONL: an escaped NUL is text; a raw NUL byte is malformed JSON at its column.
  const std::string jsonl = "{\"text\":\"a\\u0000Nvidia\"}\n{\"text\":\"a\0Nvidia\"}\n"s +
                            "{\"text\":\"Nvidia\"}\0\n{\"text\":\"A100\"}\n"s;
  const auto jin = write_temp("nul.jsonl", jsonl);
  auto j = run(alam_cmd("tag --input jsonl --keep-going " + jin));
  EXPECT_EQ(j.status, 1);
  const auto errs = split_lines(j.err);
  ASSERT_EQ(errs.size(), 2u) << j.err;
  EXPECT_EQ(errs[0].rfind("alam: error: " + jin + ":2: column 11: malformed JSON", 0), 0u) << errs[0];
  EXPECT_EQ(errs[1].rfind("alam: error: " + jin + ":3: column 18: malformed JSON", 0), 0u) << errs[1];
  const auto jout = split_lines(j.out);
  ASSERT_EQ(jout.size(), 2u) << j.out;
  EXPECT_EQ(parse_document(jout[0], false)->text, "a\0Nvidia"s);
  EXPECT_EQ(jout[1], tagged_alone({"{\"text\":\"A100\"}"}, "jsonl")[0]);
}

TEST(HostileCli, ByteOrderMark) {
  const std::string bom = "\xEF\xBB\xBF";
  // Text: a BOM is U+FEFF, kept in the document and counted by the offsets (which index the
  // file's bytes); no warning.
  const auto in = write_temp("bom.txt", bom + "Nvidia قالت\nA100\n" + bom + "الصين\n");
  auto r = run(alam_cmd("tag " + in));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
  const auto out = split_lines(r.out);
  ASSERT_EQ(out.size(), 3u);
  auto first = parse_document(out[0], true);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->text, bom + "Nvidia قالت");
  EXPECT_NE(out[0].find(entity_json(first->text, 3, "Nvidia", "ORG")), std::string::npos) << out[0];
  EXPECT_EQ(out[1], tagged_alone({"A100"})[0]);
  EXPECT_NE(out[2].find(entity_json(bom + "الصين", 3, "الصين", "LOC")), std::string::npos) << out[2];
  // JSONL: a BOM is not JSON; the line is reported at column 1, the others are tagged.
  const auto jin = write_temp("bom.jsonl", bom + "{\"text\":\"Nvidia\"}\n{\"text\":\"A100\"}\n");
  auto j = run(alam_cmd("tag --input jsonl " + jin));
  EXPECT_EQ(j.status, 1);
  EXPECT_EQ(j.err.rfind("alam: error: " + jin + ":1: column 1: malformed JSON: a byte order mark", 0),
            0u)
      << j.err;
  EXPECT_EQ(j.out, "");
  auto k = run(alam_cmd("tag --input jsonl --keep-going " + jin));
  EXPECT_EQ(k.status, 1);
  EXPECT_EQ(k.out, tagged_alone({"{\"text\":\"A100\"}"}, "jsonl")[0] + "\n");
}

TEST(HostileCli, CrlfLineEndsGiveTheSameOutputAsLf) {
  const std::vector<std::string> docs = {"Nvidia", "A100 وH800", "", "x\ry Nvidia",
                                         "قالت إنفيديا"};
  std::string crlf = join_lines(docs, "\r\n");
  crlf += "الصين";  // and a last line without a line end
  std::string lf = join_lines(docs, "\n") + "الصين";
  const auto a = write_temp("crlf.txt", crlf), b = write_temp("lf.txt", lf);
  for (const std::string opts : {"", "--strict "}) {
    auto rc = run(alam_cmd("tag " + opts + a)), rl = run(alam_cmd("tag " + opts + b));
    EXPECT_EQ(rc.status, 0);
    EXPECT_EQ(rc.err, "");
    EXPECT_EQ(rc.out, rl.out);
    ASSERT_EQ(split_lines(rc.out).size(), docs.size() + 1);
    // A CR inside a line is kept.
    EXPECT_EQ(parse_document(split_lines(rc.out)[3], false)->text, "x\ry Nvidia");
  }
  const std::vector<std::string> jdocs = {R"({"id":1,"text":"Nvidia"})", "",
                                          R"({"id":2,"text":"a\r\nb A100"})"};
  const auto ja = write_temp("crlf.jsonl", join_lines(jdocs, "\r\n"));
  const auto jb = write_temp("lf.jsonl", join_lines(jdocs, "\n"));
  auto jc = run(alam_cmd("tag --input jsonl " + ja)), jl = run(alam_cmd("tag --input jsonl " + jb));
  EXPECT_EQ(jc.status, 0) << jc.err;
  EXPECT_EQ(jc.out, jl.out);
  EXPECT_EQ(split_lines(jc.out).size(), 2u);
}

// ---------------------------------------------------------------------------------------------
// Size: a 100 MB line, a million-token line of chip-like codes

TEST(HostileCli, HundredMegabyteLine) {
  const std::string filler = "ذهب الولد إلى المدرسة صباحا ثم عاد إلى البيت مساء وقرأ كتابا. ";
  const std::size_t size = scaled(100'000'000);
  std::string big = "Nvidia ";
  const std::size_t reps = size / filler.size() / 2;
  for (std::size_t i = 0; i < reps; ++i) big += filler;
  const std::size_t middle = big.size();
  big += "وإنفيديا ";
  for (std::size_t i = 0; i < reps; ++i) big += filler;
  const std::size_t end = big.size();
  big += "A100";
  ASSERT_GE(big.size(), size * 99 / 100);
  const std::vector<std::string> small = {"قالت إنفيديا", "A800 وH800"};
  const auto in = write_temp("big.txt", small[0] + "\n" + big + "\n" + small[1] + "\n");
  auto r = run(alam_cmd("tag " + in));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  // Three documents, the small ones as if alone, the big one whole with its three entities at
  // the start, the middle and the very end.
  const std::size_t first_nl = r.out.find('\n');
  const std::size_t last_nl = r.out.rfind('\n', r.out.size() - 2);
  ASSERT_NE(first_nl, std::string::npos);
  ASSERT_NE(last_nl, first_nl);
  const auto alone = tagged_alone(small);
  EXPECT_EQ(r.out.substr(0, first_nl), alone[0]);
  EXPECT_EQ(r.out.substr(last_nl + 1), alone[1] + "\n");
  const std::string_view line =
      std::string_view(r.out).substr(first_nl + 1, last_nl - first_nl - 1);
  auto doc = parse_document(line, true);
  ASSERT_TRUE(doc) << doc.status().message();
  EXPECT_TRUE(doc->text == big);
  ASSERT_EQ(doc->entities.size(), 3u);
  EXPECT_EQ(doc->entities[0].begin, 0u);
  EXPECT_EQ(doc->entities[1].begin, middle + 2);  // after the proclitic و
  EXPECT_EQ(doc->entities[2].begin, end);
  EXPECT_EQ(doc->entities[2].end, big.size());
  big.clear();
  big.shrink_to_fit();
}

TEST(HostileCli, MillionTokenLineOfChipLikeCodes) {
  // A cycle of chip codes, chip-like non-codes and weak codes that need evidence nearby.
  const std::string cycle = "A100 H800 A1 X9 MI300X 910B RTX4090 Z80 ";
  const std::size_t cycles = scaled(1'000'000) / 8;
  std::string big;
  big.reserve(cycle.size() * cycles);
  for (std::size_t i = 0; i < cycles; ++i) big += cycle;
  const std::string two = cycle + cycle, three = two + cycle;
  const auto in = write_temp("tokens.txt", two + "\n" + three + "\n" + big + "\n" + "Nvidia\n");
  const auto start = std::chrono::steady_clock::now();
  auto r = run(alam_cmd("tag " + in));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const auto out = split_lines(r.out);
  ASSERT_EQ(out.size(), 4u);
  const std::size_t c2 = count_of(out[0], "\"type\":\""), c3 = count_of(out[1], "\"type\":\"");
  ASSERT_GT(c3, c2);
  ASSERT_GE(c2, 2u);
  // Linear: every further cycle adds what the third added; nothing dropped, nothing doubled.
  EXPECT_EQ(count_of(out[2], "\"type\":\""), c2 + (cycles - 2) * (c3 - c2));
  EXPECT_EQ(out[3], tagged_alone({"Nvidia"})[0]);
  auto doc = parse_document(out[2], false);
  ASSERT_TRUE(doc);
  EXPECT_TRUE(doc->text == big);
  EXPECT_LT(seconds, 300.0);  // a quadratic pass would take hours
}

// ---------------------------------------------------------------------------------------------
// JSON: deeply nested and huge values; a missing or non-string "text"

TEST(HostileCli, DeeplyNestedAndHugeJsonValues) {
  auto nested = [](std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
  };
  const std::string prefix = R"({"text":"Nvidia","id":)";
  const std::string huge_string = "\"" + std::string(scaled(10'000'000), 'x') + "\"";
  const std::string huge_number = "-" + std::string(100'000, '9') + ".5e-99999";
  std::string huge_array = "[";
  for (std::size_t i = 0; i < scaled(1'000'000); ++i) huge_array += (i ? ",{\"a\":[1]}" : "{\"a\":[1]}");
  huge_array += "]";
  std::string many_keys = "{";
  for (std::size_t i = 0; i < 100'000; ++i) many_keys += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  std::string escapes;
  for (std::size_t i = 0; i < scaled(1'000'000); ++i) escapes += "\\u0645";

  struct Case {
    std::string line;
    std::string id;      // passed through verbatim (good lines)
    std::size_t column;  // 0: a good line
  };
  const std::vector<Case> cases = {
      {prefix + nested(31) + "}", nested(31), 0},             // 32 levels with the object: the limit
      {prefix + nested(32) + "}", "", prefix.size() + 32},    // one more: "too deep"
      {prefix + nested(100'000) + "}", "", prefix.size() + 32},
      {R"({"meta":)" + nested(1'000'000) + R"(,"text":"A100"})", "", 8 + 32},
      {prefix + huge_string + "}", huge_string, 0},
      {prefix + huge_number + "}", huge_number, 0},
      {prefix + huge_array + "}", huge_array, 0},
      {many_keys + R"("text":"Nvidia"})", "", 0},
      {R"({"id":"esc","text":")" + escapes + R"( Nvidia"})", R"("esc")", 0},
  };
  std::vector<std::string> lines, good;
  for (const Case& c : cases) {
    lines.push_back(c.line);
    if (c.column == 0) good.push_back(c.line);
  }
  const auto in = write_temp("deep.jsonl", join_lines(lines));
  auto r = run(alam_cmd("tag --input jsonl --keep-going " + in));
  EXPECT_EQ(r.status, 1);
  const auto errors = split_lines(r.err);
  ASSERT_EQ(errors.size(), 3u) << r.err.substr(0, 2000);
  std::size_t e = 0;
  for (std::size_t i = 0; i < cases.size(); ++i)
    if (cases[i].column != 0)
      EXPECT_EQ(errors[e++],
                "alam: error: " + in + ":" + std::to_string(i + 1) + ": column " +
                    std::to_string(cases[i].column) + ": malformed JSON: too deep");
  const auto out = split_lines(r.out);
  ASSERT_EQ(out.size(), good.size());
  EXPECT_EQ(out, tagged_alone(good, "jsonl"));
  std::size_t g = 0;
  for (const Case& c : cases) {
    if (c.column != 0) continue;
    const std::string& o = out[g++];
    if (c.id.empty())
      EXPECT_EQ(o.rfind("{\"text\":", 0), 0u);
    else
      EXPECT_EQ(o.rfind("{\"id\":" + c.id + ",\"text\":", 0), 0u) << o.substr(0, 200);
    EXPECT_NE(o.find("\"source\":\"gaz:nvidia\""), std::string::npos) << o.substr(0, 200);
  }
  auto esc = parse_document(out.back(), false);
  ASSERT_TRUE(esc);
  EXPECT_EQ(utf8::codepoint_offset(esc->text, esc->text.size()), scaled(1'000'000) + 7);
}

TEST(HostileCli, JsonlWithAMissingOrNonStringText) {
  struct Case {
    std::string line;
    std::string error;  // empty: a good line
  };
  const std::vector<Case> cases = {
      {R"({"id":"a","text":"Nvidia"})", ""},
      {R"({"id":1})", "column 1: missing \"text\""},
      {R"({"text":null})", "column 1: \"text\" is not a string"},
      {R"({"text":5})", "column 1: \"text\" is not a string"},
      {R"({"text":true})", "column 1: \"text\" is not a string"},
      {R"({"text":["Nvidia"]})", "column 1: \"text\" is not a string"},
      {R"({"text":{"text":"Nvidia"}})", "column 1: \"text\" is not a string"},
      {R"({"id":"b","text":"A100"})", ""},
      {R"({"Text":"Nvidia"})", "column 1: missing \"text\""},
      {R"({"meta":{"text":"Nvidia"}})", "column 1: missing \"text\""},
      {R"({})", "column 1: missing \"text\""},
      {R"(["Nvidia"])", "column 1: expected a JSON object"},
      {R"("Nvidia")", "column 1: expected a JSON object"},
      {R"(42)", "column 1: expected a JSON object"},
      {R"(null)", "column 1: expected a JSON object"},
      {R"({"text":"Nvidia")", "column 17: malformed JSON"},
      {R"({"text":"Nvidia"}})", "column 18: malformed JSON"},
      {R"({"text":"Nvidia",})", "column 18: malformed JSON"},
      {R"({text:"Nvidia"})", "column 2: malformed JSON"},
      {"   ", ""},  // blank: skipped, no output
      {R"({"id":"c","text":"الصين"})", ""},
  };
  std::vector<std::string> lines, good;
  for (const Case& c : cases) {
    lines.push_back(c.line);
    if (c.error.empty() && c.line.find_first_not_of(' ') != std::string::npos)
      good.push_back(c.line);
  }
  const auto in = write_temp("text_field.jsonl", join_lines(lines));
  const auto alone = tagged_alone(good, "jsonl");
  ASSERT_EQ(alone.size(), 3u);

  auto k = run(alam_cmd("tag --input jsonl --keep-going " + in));
  EXPECT_EQ(k.status, 1);
  EXPECT_EQ(k.out, join_lines(alone));
  const auto errors = split_lines(k.err);
  std::size_t e = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (cases[i].error.empty()) continue;
    ASSERT_LT(e, errors.size());
    EXPECT_EQ(errors[e].rfind("alam: error: " + in + ":" + std::to_string(i + 1) + ": " +
                                  cases[i].error, 0),
              0u) << errors[e];
    ++e;
  }
  EXPECT_EQ(e, errors.size()) << k.err;

  // Without --keep-going alam stops at the first bad line, after writing the lines before it.
  auto s = run(alam_cmd("tag --input jsonl " + in));
  EXPECT_EQ(s.status, 1);
  EXPECT_EQ(s.out, alone[0] + "\n");
  EXPECT_EQ(s.err, "alam: error: " + in + ":2: column 1: missing \"text\"\n");
}

// ---------------------------------------------------------------------------------------------
// Binary garbage

TEST(HostileCli, BinaryGarbage) {
  std::mt19937 rng(20240508);
  std::string garbage(scaled(8'000'000), '\0');
  for (char& c : garbage) c = char(rng() & 0xFF);
  if (garbage.back() != '\n') garbage.push_back('\n');
  const std::string head = "قالت إنفيديا\n", tail = "A100 وH800\n";
  const auto in = write_temp("garbage.bin", head + garbage + tail);
  std::vector<std::string> docs = split_lines(head + garbage + tail);
  for (std::string& d : docs)
    if (!d.empty() && d.back() == '\r') d.pop_back();

  auto r = run(alam_cmd("tag " + in));
  EXPECT_EQ(r.status, 0);
  const auto out = split_lines(r.out);
  ASSERT_EQ(out.size(), docs.size());
  std::string warnings;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    auto doc = parse_document(out[i], true);
    ASSERT_TRUE(doc) << "line " << i + 1 << ": " << doc.status().message();
    ASSERT_EQ(doc->text, utf8::sanitize(docs[i])) << "line " << i + 1;
    if (const std::size_t bad = utf8::first_invalid(docs[i]); bad != std::string::npos)
      warnings += "alam: warning: " + in + ":" + std::to_string(i + 1) +
                  ": invalid UTF-8 at byte offset " + std::to_string(bad) + " (read as U+FFFD)\n";
  }
  EXPECT_EQ(r.err, warnings);
  const auto alone = tagged_alone({split_lines(head)[0], split_lines(tail)[0]});
  EXPECT_EQ(out.front(), alone[0]);
  EXPECT_EQ(out.back(), alone[1]);

  // As JSONL: one error per non-blank line, naming it; the good lines around it are tagged.
  const std::string jhead = "{\"text\":\"Nvidia\"}\n", jtail = "{\"text\":\"A100\"}\n";
  const auto jin = write_temp("garbage.jsonl", jhead + garbage + jtail);
  auto j = run(alam_cmd("tag --input jsonl --keep-going " + jin));
  EXPECT_EQ(j.status, 1);
  EXPECT_EQ(j.out, join_lines(tagged_alone({split_lines(jhead)[0], split_lines(jtail)[0]}, "jsonl")));
  const auto errors = split_lines(j.err);
  std::size_t e = 0;
  auto glines = split_lines(garbage);
  for (std::string& l : glines)
    if (!l.empty() && l.back() == '\r') l.pop_back();
  for (std::size_t i = 0; i < glines.size(); ++i) {
    if (glines[i].find_first_not_of(" \t") == std::string::npos) continue;
    ASSERT_LT(e, errors.size());
    ASSERT_EQ(errors[e].rfind("alam: error: " + jin + ":" + std::to_string(i + 2) + ": column ", 0), 0u)
        << errors[e];
    ++e;
  }
  EXPECT_EQ(e, errors.size());

  // As a gazetteer: an error naming file, line and column; nothing tagged (exit 4).
  const auto gin = write_temp("garbage.gaz", garbage.substr(0, 100'000));
  auto g = run(alam_cmd("tag --gazetteer " + gin + " " + in));
  EXPECT_EQ(g.status, 4);
  EXPECT_EQ(g.err.rfind("alam: error: " + gin + ":1:1: ", 0), 0u) << g.err;
  EXPECT_EQ(g.out, "");
}

// ---------------------------------------------------------------------------------------------
// Gazetteers: huge ones, paths outside their folder, damaged compiled files

TEST(HostileCli, GazetteerWithAMillionAliasesAndATenThousandCharacterAlias) {
  const fs::path dir = fresh_dir("hostile_gaz_big");
  const std::size_t n = scaled(1'000'000);
  {
    std::ofstream f(dir / "big.gaz", std::ios::binary);
    f << "[big] ORG\nname = Bigco\n";
    for (std::size_t i = 0; i < n; ++i) f << "alias = Bigco Unit " << i << "\n";
  }
  const std::string long_alias(10'000, 'q');
  {
    std::ofstream f(dir / "long.gaz", std::ios::binary);
    f << "[long] PRODUCT\nname = Longname\nalias = " << long_alias << "\n";
  }
  const auto in = write_temp("big_gaz.txt", "Bigco Unit " + std::to_string(n - 1) + " و" +
                                                long_alias + " Bigco Unit 0\n");
  auto r = run(alam_cmd("tag --gazetteer " + q(dir) + " " + in));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count_of(r.out, "\"source\":\"gaz:big\""), 2u) << r.out;
  EXPECT_EQ(count_of(r.out, "\"source\":\"gaz:long\""), 1u) << r.out;
  // The same through a compiled file.
  const fs::path compiled = dir / "big.alamc";
  auto c = run(alam_cmd("gaz compile " + q(dir) + " -o " + q(compiled)));
  ASSERT_EQ(c.status, 0) << c.err;
  auto t = run(alam_cmd("tag --gazetteer " + q(compiled) + " " + in));
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_EQ(t.out, r.out);
  // And an editor adds a 10^4-character name.
  const fs::path edit_dir = fresh_dir("hostile_gaz_edit");
  std::ofstream(edit_dir / "orgs.gaz") << "[acme] ORG\nname = Acme\n";
  const std::string long_name(10'000, 'z');
  auto a = run(alam_cmd("gaz add ORG " + long_name + " --id zzz --dir " + q(edit_dir)));
  ASSERT_EQ(a.status, 0) << a.err;
  auto f = run(alam_cmd("tag --gazetteer " + q(edit_dir) + " " + write_temp("z.txt", long_name + "\n")));
  EXPECT_NE(f.out.find("\"source\":\"gaz:zzz\""), std::string::npos);
}

// There is no include directive: a gazetteer folder is its *.gaz files. Entries that are not
// regular files (a pipe would block, a device would never end) are errors; symbolic links are
// followed for reading, but an edit never writes outside the folder it was given.
TEST(HostileCli, GazetteerPathsOutsideTheirFolder) {
  const fs::path root = fresh_dir("hostile_gaz_paths");
  const fs::path dir = root / "g", outside = root / "outside";
  fs::create_directories(dir);
  fs::create_directories(outside);
  std::ofstream(dir / "a.gaz") << "[acme] ORG\nname = Acme\n";
  const std::string other = "[other] ORG\nname = Other\n";
  std::ofstream(outside / "o.gaz") << other;
  const auto in = write_temp("paths.txt", "Acme و Other\n");

  // A link to a gazetteer elsewhere is read.
  fs::create_symlink("../outside/o.gaz", dir / "o.gaz");
  auto r = run(alam_cmd("tag --gazetteer " + q(dir) + " " + in));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("gaz:other"), std::string::npos);
  // ... but not written through: the edit is refused (exit 1) and the file stays as it was.
  auto e = run(alam_cmd("gaz alias other 'Other Corp' --dir " + q(dir)));
  EXPECT_EQ(e.status, 1);
  EXPECT_EQ(e.err, "alam: error: refusing to write: " + (dir / "o.gaz").string() +
                       " is a link to " + fs::canonical(outside / "o.gaz").string() +
                       ", outside " + dir.string() + "; edit it there (--dir " +
                       fs::canonical(outside).string() + ")\n");
  EXPECT_EQ(slurp(outside / "o.gaz"), other);
  // Files inside the folder are still edited, and the outside one with its own --dir.
  auto inside = run(alam_cmd("gaz alias acme 'Acme Corp' --dir " + q(dir)));
  EXPECT_EQ(inside.status, 0) << inside.err;
  auto there = run(alam_cmd("gaz alias other 'Other Corp' --dir " + q(outside)));
  EXPECT_EQ(there.status, 0) << there.err;
  EXPECT_NE(slurp(outside / "o.gaz").find("alias = Other Corp"), std::string::npos);
  // --dir with ".." is the folder it names.
  auto dots = run(alam_cmd("gaz alias acme 'Acme Inc' --dir " + q(dir / ".." / "g")));
  EXPECT_EQ(dots.status, 0) << dots.err;
  EXPECT_NE(slurp(dir / "a.gaz").find("alias = Acme Inc"), std::string::npos);
  fs::remove(dir / "o.gaz");

  // --file names a file in the folder, never a path.
  for (const std::string& file :
       std::vector<std::string>{"../x.gaz", "sub/x.gaz", (root / "x.gaz").string(), "..", ".gaz"}) {
    auto a = run(alam_cmd("gaz add ORG Foo --file '" + file + "' --dir " + q(dir)));
    EXPECT_EQ(a.status, 1) << file;
    EXPECT_NE(a.err.find("--file must be a file name ending in .gaz inside"), std::string::npos) << a.err;
  }
  EXPECT_FALSE(fs::exists(root / "x.gaz"));
  EXPECT_FALSE(fs::exists(dir / "sub"));

  // Entries that are not regular files: a clear error naming them (exit 4 for tag and compile,
  // 3 for the editing commands), at once: no hang on a pipe, no endless read of a device.
  struct Entry {
    const char* name;
    std::function<void(const fs::path&)> make;
  };
  const std::vector<Entry> entries = {
      {"pipe.gaz", [](const fs::path& p) { ASSERT_EQ(::mkfifo(p.c_str(), 0644), 0); }},
      {"zero.gaz", [](const fs::path& p) { fs::create_symlink("/dev/zero", p); }},
      {"folder.gaz", [](const fs::path& p) { fs::create_directory(p); }},
      {"dangling.gaz", [](const fs::path& p) { fs::create_symlink("nowhere/x.gaz", p); }},
      {"loop.gaz", [](const fs::path& p) { fs::create_symlink(p.filename(), p); }},
  };
  for (const Entry& entry : entries) {
    SCOPED_TRACE(entry.name);
    const fs::path p = dir / entry.name;
    entry.make(p);
    const std::string message = "alam: error: " + p.string() + ": not a regular file";
    auto t = run("timeout 60 " + alam_cmd("tag --gazetteer " + q(dir) + " " + in));
    EXPECT_EQ(t.status, 4);
    EXPECT_EQ(t.err.rfind(message, 0), 0u) << t.err;
    EXPECT_EQ(t.out, "");
    auto c = run("timeout 60 " + alam_cmd("gaz compile " + q(dir) + " -o " + q(root / "c.alamc")));
    EXPECT_EQ(c.status, 4);
    EXPECT_EQ(c.err.rfind(message, 0), 0u) << c.err;
    auto l = run("timeout 60 " + alam_cmd("gaz alias acme 'Acme X' --dir " + q(dir)));
    EXPECT_EQ(l.status, 3);
    EXPECT_EQ(l.err.rfind(message, 0), 0u) << l.err;
    fs::remove(p);
  }
  // Named directly, a pipe is read (process substitution: --gazetteer <(generate)).
  auto piped = run("printf '[p] ORG\\nname = Piped\\n' | " +
                  alam_cmd("tag --gazetteer /dev/stdin " + write_temp("p.txt", "Piped\n")));
  EXPECT_EQ(piped.status, 0) << piped.err;
  EXPECT_NE(piped.out.find("gaz:p"), std::string::npos);
}

TEST(HostileCli, DamagedCompiledGazetteers) {
  const fs::path dir = fresh_dir("hostile_compiled");
  const fs::path good = dir / "all.alamc";
  auto c = run(alam_cmd("gaz compile '" ALAM_SOURCE_DIR "/gazetteers' -o " + q(good)));
  ASSERT_EQ(c.status, 0) << c.err;
  const std::string image = slurp(good);
  ASSERT_GT(image.size(), 1u << 20);
  const auto in = write_temp("compiled.txt", "قالت إنفيديا إن رقائق A800\n");
  auto ok = run(alam_cmd("tag --gazetteer " + q(good) + " " + in));
  ASSERT_EQ(ok.status, 0) << ok.err;
  ASSERT_NE(ok.out.find("gaz:nvidia"), std::string::npos);

  auto expect_rejected = [&](const std::string& bytes, const std::string& what) {
    const fs::path bad = dir / "bad.alamc";
    std::ofstream(bad, std::ios::binary | std::ios::trunc) << bytes;
    auto t = run(alam_cmd("tag --gazetteer " + q(bad) + " " + in));
    EXPECT_EQ(t.status, 4) << what << ": " << t.err;
    EXPECT_EQ(t.err.rfind("alam: error: " + bad.string() + ": not a valid compiled gazetteer: ", 0), 0u)
        << what << ": " << t.err;
    EXPECT_EQ(t.out, "") << what;
  };
  // Cut at 4 KiB boundaries (a sample here; every one in HostileLib and CompiledGazetteer).
  for (std::size_t cut : {std::size_t(8), std::size_t(64), std::size_t(4096), std::size_t(65536),
                          image.size() / 2 / 4096 * 4096, (image.size() - 1) / 4096 * 4096,
                          image.size() - 1})
    expect_rejected(image.substr(0, cut), "cut at " + std::to_string(cut));
  // One flipped bit in the header, the section table, the data and the last byte.
  for (std::size_t pos : {std::size_t(9), std::size_t(20), std::size_t(40),
                          std::size_t(100), image.size() / 3, image.size() / 2, image.size() - 1}) {
    std::string flipped = image;
    flipped[pos] = char(flipped[pos] ^ (1 << (pos % 8)));
    expect_rejected(flipped, "bit flip at " + std::to_string(pos));
  }
  // A flip in the magic number makes it an ordinary file, read as gazetteer text: an error
  // naming file, line and column.
  std::string foreign = image;
  foreign[0] = char(foreign[0] ^ 1);
  const fs::path text = dir / "foreign.alamc";
  std::ofstream(text, std::ios::binary) << foreign;
  auto f = run(alam_cmd("tag --gazetteer " + q(text) + " " + in));
  EXPECT_EQ(f.status, 4);
  EXPECT_EQ(f.err.rfind("alam: error: " + text.string() + ":1:", 0), 0u) << f.err;
  EXPECT_EQ(f.out, "");
}

// ---------------------------------------------------------------------------------------------
// Memory follows the largest document, not the input

struct Measured {
  int status = -1;
  long max_rss_kb = 0;
};

// Runs argv (argv[0] a path) with stdin from `in`, stdout into `out`, stderr to /dev/null; its
// exit status and peak RSS by wait4.
Measured spawn_and_measure(const std::vector<std::string>& args, const char* in, const char* out) {
  std::vector<std::string> argv_s = args;
  std::vector<char*> argv;
  for (std::string& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fi = ::open(in, O_RDONLY);
    const int fo = ::open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int fe = ::open("/dev/null", O_WRONLY);
    if (fi < 0 || fo < 0 || fe < 0) ::_exit(126);
    ::dup2(fi, 0);
    ::dup2(fo, 1);
    ::dup2(fe, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  Measured m;
  int raw = 0;
  struct rusage ru {};
  if (pid > 0 && ::wait4(pid, &raw, 0, &ru) == pid) {
    m.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    m.max_rss_kb = ru.ru_maxrss;
  }
  return m;
}

// A child's peak RSS counts the pages it had before exec, that is, what it shared with its
// parent after fork (Linux). This test process holds what earlier tests left, so alam is started
// from a fresh, small one: this binary run again with ALAM_RSS_HELPER=RESULT\x1fIN\x1fOUT\x1fARGS…
// (separated by \x1f), which runs alam, writes "STATUS PEAK_KB" into RESULT and exits before
// main().
const bool kRssHelper = [] {
  const char* spec = std::getenv("ALAM_RSS_HELPER");
  if (!spec) return false;
  std::vector<std::string> parts;
  std::string_view rest = spec;
  for (std::size_t sep; (sep = rest.find('\x1f')) != std::string_view::npos; rest.remove_prefix(sep + 1))
    parts.emplace_back(rest.substr(0, sep));
  parts.emplace_back(rest);
  if (parts.size() < 4) std::_Exit(125);
  std::vector<std::string> args = {ALAM_BINARY};
  args.insert(args.end(), parts.begin() + 3, parts.end());
  const Measured m = spawn_and_measure(args, parts[1].c_str(), parts[2].c_str());
  std::ofstream(parts[0]) << m.status << ' ' << m.max_rss_kb << '\n';
  std::_Exit(0);
}();

// Runs `alam ARGS…` with stdin from `in` and stdout into `out`: its status and peak RSS.
Measured run_measured(const std::vector<std::string>& args, const fs::path& in,
                      const fs::path& out) {
  const fs::path result = temp_dir() / "rss.result";
  fs::remove(result);
  std::string spec = result.string() + '\x1f' + in.string() + '\x1f' + out.string();
  for (const std::string& a : args) spec += '\x1f' + a;
  std::string self(4096, '\0');
  const ssize_t n = ::readlink("/proc/self/exe", self.data(), self.size());
  EXPECT_GT(n, 0);
  self.resize(std::size_t(std::max<ssize_t>(n, 0)));
  ::setenv("ALAM_RSS_HELPER", spec.c_str(), 1);
  const Measured helper = spawn_and_measure({self}, "/dev/null", "/dev/null");
  ::unsetenv("ALAM_RSS_HELPER");
  Measured m;
  EXPECT_EQ(helper.status, 0);
  std::ifstream(result) >> m.status >> m.max_rss_kb;
  return m;
}

TEST(HostileCli, MemoryFollowsTheLargestDocumentNotTheInput) {
#ifdef ALAM_TEST_SANITIZED
  GTEST_SKIP() << "sanitizer allocators keep freed memory (quarantine): RSS says nothing here";
#else
  const fs::path dir = fresh_dir("hostile_memory");
  const std::string doc = "قالت وإنفيديا إن رقائق A800 وH800 ستباع في الصين هذا العام. ";
  // 64 MB of small documents (about 200 bytes each), streamed to a file; its first 8 MB are the
  // baseline (long enough for every thread's allocator arena to reach its working size).
  const std::size_t total = 64u << 20, baseline_size = 8u << 20;
  std::size_t docs = 0, baseline_docs = 0, largest = 0;
  {
    std::ofstream f(dir / "many.txt", std::ios::binary), g(dir / "first.txt", std::ios::binary);
    for (std::size_t written = 0; written < total; ++docs) {
      const std::string line = doc + std::to_string(docs) + " " + doc;
      f << line << '\n';
      written += line.size() + 1;
      largest = std::max(largest, line.size());
      if (written < baseline_size) {
        g << line << '\n';
        ++baseline_docs;
      }
    }
  }
  {
    std::ofstream f(dir / "big.txt", std::ios::binary);  // one document of 8 MB
    for (std::size_t i = 0; i < (8u << 20) / doc.size(); ++i) f << doc;
    f << '\n';
  }
  struct Peak {
    long first = 0, many = 0;
  };
  std::vector<Peak> peaks;
  for (const char* jobs : {"1", "2"}) {
    SCOPED_TRACE(std::string("-j ") + jobs);
    const Measured first = run_measured({"tag", "-j", jobs}, dir / "first.txt", dir / "first.out");
    ASSERT_EQ(first.status, 0);
    const Measured many = run_measured({"tag", "-j", jobs}, dir / "many.txt", dir / "many.out");
    ASSERT_EQ(many.status, 0);
    peaks.push_back({first.max_rss_kb, many.max_rss_kb});
    // Nothing lost: one output line per document, the last one complete.
    std::ifstream f(dir / "many.out", std::ios::binary);
    std::size_t lines = 0;
    std::string line, last;
    while (std::getline(f, line)) {
      ++lines;
      last.swap(line);
    }
    EXPECT_EQ(lines, docs);
    auto parsed = parse_document(last, true);
    ASSERT_TRUE(parsed) << parsed.status().message();
    EXPECT_EQ(parsed->text, doc + std::to_string(docs - 1) + " " + doc);
    EXPECT_EQ(parsed->entities.size(), 8u);
    // 64 MB of input costs no more than its first 8 MB, give or take 16 MB of allocator slack
    // (glibc's per-thread arenas at -j 2 grow a few MB after the baseline); an implementation
    // that kept the input (or the output) would be 56 MB (or more) above.
    EXPECT_LT(many.max_rss_kb, first.max_rss_kb + 16 * 1024)
        << "peak RSS: the first 8 MB " << first.max_rss_kb << " KB, all 64 MB "
        << many.max_rss_kb << " KB";
  }
  const Measured big = run_measured({"tag"}, dir / "big.txt", dir / "big.out");
  ASSERT_EQ(big.status, 0);
  std::printf("peak RSS (-j 1, -j 2): 8 MB of documents of <= %zu bytes %ld, %ld KB; 64 MB of them "
              "%ld, %ld KB; one 8 MB document (-j 1) %ld KB\n",
              largest, peaks[0].first, peaks[1].first, peaks[0].many, peaks[1].many,
              big.max_rss_kb);
  // The measurement does see per-document memory: one 8 MB document costs more than the whole
  // 64 MB stream.
  EXPECT_GT(big.max_rss_kb, peaks[0].many + 32 * 1024);
  fs::remove_all(dir);
#endif
}

}  // namespace
}  // namespace alam

#else  // !ALAM_BINARY
// =============================================================================================
// The library (alam_tests)

namespace alam {
namespace {

std::shared_ptr<const Gazetteer> load_or_die(const std::vector<GazetteerSource>& sources) {
  auto g = Gazetteer::from_sources(sources);
  EXPECT_TRUE(g) << g.status().message();
  if (!g) return nullptr;
  return std::make_shared<const Gazetteer>(std::move(g).value());
}

std::vector<std::string> sources_of(const Tagger& t, std::string_view text) {
  std::vector<std::string> out;
  for (const Span& s : t.tag(text))
    out.push_back(s.source + " " + std::string(text.substr(s.begin, s.end - s.begin)));
  return out;
}

TEST(HostileLib, AMillionAliasesOfOneEntity) {
  const std::size_t n = scaled(1'000'000);
  std::string distinct = "[big] ORG\nname = Bigco\n", same = distinct;
  distinct.reserve(n * 30);
  same.reserve(n * 20);
  for (std::size_t i = 0; i < n; ++i) {
    distinct += "alias = Bigco Unit " + std::to_string(i) + "\n";
    same += "alias = Bigco Labs\n";
  }
  const auto start = std::chrono::steady_clock::now();
  auto g = load_or_die({{"big.gaz", distinct}});
  ASSERT_TRUE(g);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(g->size(), 1u);
  EXPECT_EQ(g->entity(0).alias_count(), n + 1);
  const Tagger tagger(g);
  const std::string last = "Bigco Unit " + std::to_string(n - 1);
  const std::string text = "قال " + last + " و Bigco Unit 0 وBigco";
  EXPECT_EQ(sources_of(tagger, text),
            (std::vector<std::string>{"gaz:big " + last, "gaz:big Bigco Unit 0", "gaz:big Bigco"}));
  EXPECT_LT(seconds, 120.0);

  // A compiled image of it loads and tags the same.
  auto compiled = Gazetteer::from_compiled(g->compiled_image(), "big.alamc");
  ASSERT_TRUE(compiled) << compiled.status().message();
  const Tagger again(std::make_shared<const Gazetteer>(std::move(compiled).value()));
  EXPECT_EQ(again.tag(text), tagger.tag(text));

  // The same alias a million times: one entity, one match per occurrence.
  auto dup = load_or_die({{"same.gaz", same}});
  ASSERT_TRUE(dup);
  const Tagger d(dup);
  std::string many;
  for (int i = 0; i < 10'000; ++i) many += "Bigco Labs و";
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(d.tag(many).size(), 10'000u);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 30.0);
}

TEST(HostileLib, AliasesOfTenThousandCharacters) {
  std::string latin(10'000, 'q');
  std::string arabic;
  const char* letters[] = {"س", "م", "ب", "ك", "ر"};
  for (std::size_t i = 0; arabic.size() < 20'000; ++i) arabic += letters[i % 5];  // 10^4 letters
  std::string words;
  for (int i = 0; i < 1'000; ++i) words += (i ? " w" : "w") + std::to_string(i) + "x";
  ASSERT_GE(words.size(), 5'000u);
  auto g = load_or_die({{"long.gaz", "[latin] ORG\nname = " + latin + "\n[arabic] LOC\nname = " +
                                         arabic + "\n[words] PRODUCT\nname = " + words + "\n"}});
  ASSERT_TRUE(g);
  const Tagger tagger(g);
  const std::string text = "قال " + latin + " و" + arabic + " ثم " + words + " end";
  const auto spans = tagger.tag(text);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].source, "gaz:latin");
  EXPECT_EQ(spans[0].begin, text.find(latin));
  EXPECT_EQ(spans[1].source, "gaz:arabic");
  EXPECT_EQ(spans[1].begin, text.find(arabic));  // after the proclitic و
  EXPECT_EQ(spans[1].end - spans[1].begin, arabic.size());
  EXPECT_EQ(spans[2].source, "gaz:words");
  EXPECT_EQ(spans[2].end - spans[2].begin, words.size());
  // One letter short of the alias is no match.
  EXPECT_TRUE(tagger.tag(latin.substr(1)).empty());
  // Ids have no length limit either.
  auto long_id = Gazetteer::from_sources({{"id.gaz", "[" + std::string(10'000, 'i') + "] ORG\nname = X\n"}});
  ASSERT_TRUE(long_id) << long_id.status().message();
  EXPECT_EQ(long_id->entity(0).id().size(), 10'000u);
}

TEST(HostileLib, ShippedImageWithABitFlippedAtEvery4KiB) {
  auto g = Gazetteer::embedded();
  ASSERT_TRUE(g);
  const std::string image(g->compiled_image());
  ASSERT_GT(image.size(), 1u << 20);
  const std::size_t step = light() ? 65536 : 4096;
  std::size_t rejected = 0, tried = 0;
  for (std::size_t pos = 0; pos < image.size(); pos += step) {
    std::string bad = image;
    bad[pos] = char(bad[pos] ^ (1 << (pos / step % 8)));
    auto r = Gazetteer::from_compiled(bad, "flip.alamc");
    ++tried;
    if (!r) {
      ++rejected;
      EXPECT_EQ(r.status().code(), StatusCode::kDataLoss) << pos;
      EXPECT_EQ(r.status().message().rfind("flip.alamc: not a valid compiled gazetteer: ", 0), 0u)
          << r.status().message();
    }
  }
  EXPECT_EQ(rejected, tried);
}

TEST(HostileLib, FolderEntriesThatAreNotRegularFiles) {
  const fs::path dir = fs::temp_directory_path() / ("alam_hostile_lib_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "a.gaz") << "[acme] ORG\nname = Acme\n";
  ASSERT_TRUE(Gazetteer::load({dir}));
  ASSERT_EQ(::mkfifo((dir / "p.gaz").c_str(), 0644), 0);
  auto r = Gazetteer::load({dir});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message().rfind((dir / "p.gaz").string() + ": not a regular file", 0), 0u)
      << r.status().message();
  auto store = GazetteerStore::open(dir);
  ASSERT_TRUE(store);
  auto s = store->read_sources();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.status().message().rfind((dir / "p.gaz").string() + ": not a regular file", 0), 0u);
  fs::remove(dir / "p.gaz");

  // An edit never writes through a link that leads outside the folder.
  const fs::path outside = dir.string() + "_outside";
  fs::create_directories(outside);
  std::ofstream(outside / "o.gaz") << "[other] ORG\nname = Other\n";
  fs::create_symlink(outside / "o.gaz", dir / "o.gaz");
  auto e = store->add_alias("other", {"Other Corp"});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(e.status().message().find("outside"), std::string::npos) << e.status().message();
  EXPECT_TRUE(store->add_alias("acme", {"Acme Corp"}));
  fs::remove_all(dir);
  fs::remove_all(outside);
}

}  // namespace
}  // namespace alam
#endif
