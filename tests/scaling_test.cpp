// alam tag is a stateless line-in/line-out filter, so it scales out on existing engines
// (docs/scaling.md). These tests run GNU parallel --pipe --keep-order over four alam processes
// and check that the output is byte for byte the output of one process, and that the input was
// really split across several jobs. Skipped when GNU parallel is not installed
// (scripts/install-deps.sh installs it).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace alam {
namespace {

using testing::alam_cmd;
using testing::run;
using testing::slurp;
using testing::temp_dir;
using testing::write_temp;

constexpr int kJobs = 4;
constexpr const char* kBlock = "16k";  // far below the input size: many chunks, many jobs

bool have_parallel() {
  const auto r = run("parallel --version");
  return r.status == 0 && r.out.find("GNU parallel") != std::string::npos;
}

// A small deterministic generator (the same documents on every run and platform).
struct Lcg {
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  std::size_t next(std::size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return std::size_t(state >> 33) % n;
  }
};

// Sentences with entities of every type, proclitics, tatweel, diacritics, bidi marks, Latin
// names, numbers in both digit sets; and some without any entity.
const std::vector<std::string>& sentences() {
  static const std::vector<std::string> s = {
      "قالت إنفيديا إن رقائق A800 وH800 لـNvidia باتت ممنوعة في الصين",
      "وقال جنسن هوانغ، الرئيس التنفيذي لشركة إنفيديا، إن الطلب قوي",
      "خسرت الشركة 5.5 مليار دولار أي 15 في المائة من مبيعاتها في عام 2025",
      "أعلنت SenseTime في 3 مارس 2024 عن نموذج جديد يعمل على رقائق Ascend 910B",
      "Huawei's Ascend 910B competes with Nvidia's H100 in Chinese data centres.",
      "ذكرت شركة DZT Research أن DZT Research تعمل مع هواوي (Huawei)",
      "وَإِنْفِيدِيَا تبيع رقائق A100 وMI300X لمراكز البيانات في شنغهاي",
      "للصين حصة ٢٥ في المئة من سوق الخوادم منذ ١٢ يناير ٢٠٢٣",
      "وتشهد سوق الهواتف الذكية منافسة شديدة بين الشركات",
      "\u200fNvidia\u200f و\u202bإنفيديا\u202c اسمان لشركة واحدة",
      "شارك في التغطية أحمد الخطيب من دبي",
      "Tim Cook said Apple would spend $1 billion on AI chips, about 3% of revenue.",
      "بلغت الإيرادات 12,500 مليون يورو في الربع الثالث",
      "نفى المتحدث وجود أي صفقة",
      "Zhipu AI و Baidu و Alibaba تتسابق في الذكاء الاصطناعي 😀",
  };
  return s;
}

std::string make_text(Lcg& rng) {
  std::string text;
  const std::size_t n = 1 + rng.next(3);
  for (std::size_t k = 0; k < n; ++k) {
    if (k) text += rng.next(4) == 0 ? "\n" : " ";  // some documents span several lines
    text += sentences()[rng.next(sentences().size())];
  }
  if (rng.next(10) == 0) text += "\t\"مقتبس\" \\ / النهاية";
  return text;
}

// JSON string escaping with a choice of forms: \uXXXX for some non-ASCII characters (surrogate
// pairs above U+FFFF), \n \t \" \\ \/, or the UTF-8 bytes as they are.
std::string json_string(const std::string& utf8, bool escape_non_ascii) {
  std::string out = "\"";
  char buf[16];
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '/': out += "\\/"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default: out += char(c);
      }
      ++i;
      continue;
    }
    const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (!escape_non_ascii) {
      out.append(utf8, i, len);
      i += len;
      continue;
    }
    std::uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    if (cp >= 0x10000) {
      const std::uint32_t v = cp - 0x10000;
      std::snprintf(buf, sizeof buf, "\\u%04x\\u%04X", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
    } else {
      std::snprintf(buf, sizeof buf, "\\u%04x", cp);
    }
    out += buf;
    i += len;
  }
  return out + "\"";
}

// n JSONL documents with ids of every JSON type (or none), texts with and without entities,
// escapes, empty texts, extra members and blank lines between records.
std::string make_jsonl(std::size_t n) {
  Lcg rng;
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string text = rng.next(50) == 0 ? std::string() : make_text(rng);
    const std::string t = json_string(text, rng.next(5) == 0);
    switch (rng.next(7)) {
      case 0: out += "{\"text\": " + t + "}"; break;
      case 1: out += "{\"id\": " + std::to_string(i) + ", \"text\": " + t + "}"; break;
      case 2: out += "{\"text\":" + t + ",\"id\":\"d-" + std::to_string(i) + "\",\"lang\":\"ar\"}"; break;
      case 3: out += "{\"id\": null, \"text\": " + t + "}"; break;
      case 4: out += "{\"id\": {\"doc\": " + std::to_string(i) + ", \"part\": [1, 2]}, \"text\": " + t + "}"; break;
      case 5: out += "{\"id\": \"\\u0645\\u0633\\u062a\\u0646\\u062f " + std::to_string(i) + "\", \"text\": " + t + "}"; break;
      default: out += "  {\"meta\": {\"a\": [true, false, 1.5e3]}, \"id\": " + std::to_string(i) + ", \"text\": " + t + "}  "; break;
    }
    out += '\n';
    if (rng.next(40) == 0) out += '\n';  // a blank line is skipped
  }
  return out;
}

// n plain-text documents, one per line: some with invalid UTF-8 (a warning; each bad byte is
// read as U+FFFD), CRLF line ends, empty lines.
std::string make_text_lines(std::size_t n) {
  Lcg rng;
  rng.state = 42;
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string text = make_text(rng);
    std::replace(text.begin(), text.end(), '\n', ' ');
    switch (rng.next(12)) {
      case 0: text.insert(rng.next(text.size() + 1), "\xff"); break;
      case 1: text += " \xd8"; break;            // a truncated Arabic letter
      case 2: text.insert(0, "\xc3\x28 "); break;  // a bad continuation byte
      case 3: text += '\r'; break;
      case 4: text.clear(); break;
      default: break;
    }
    out += text + '\n';
  }
  return out;
}

struct Scaled {
  testing::Run one, many;
  std::size_t jobs = 0;          // jobs in parallel's joblog
  std::set<std::string> pids;    // distinct alam processes
  std::vector<int> exit_values;  // per job
};

// Runs `alam ARGS` once over the input file, then under GNU parallel --pipe --keep-order with
// kJobs processes and kBlock chunks; each job records its process id before exec'ing alam.
Scaled run_both(const std::string& name, const std::string& input, const std::string& args) {
  const std::string in = write_temp(name, input);
  const auto joblog = temp_dir() / (name + ".joblog");
  const auto pids = temp_dir() / (name + ".pids");
  std::filesystem::remove(joblog);
  std::filesystem::remove(pids);
  Scaled s;
  s.one = run(alam_cmd(args) + " < " + in);
  const std::string job = "echo \\$\\$ >> " + pids.string() + "; exec " + alam_cmd(args);
  s.many = run("parallel --will-cite --pipe --keep-order -j " + std::to_string(kJobs) +
               " --block " + kBlock + " --joblog " + joblog.string() + " \"" + job + "\" < " + in);
  std::istringstream log(slurp(joblog));
  std::string line;
  std::getline(log, line);  // header: Seq Host Starttime JobRuntime Send Receive Exitval Signal Command
  while (std::getline(log, line)) {
    if (line.empty()) continue;
    ++s.jobs;
    std::istringstream fields(line);
    std::string f;
    for (int k = 0; k < 7 && std::getline(fields, f, '\t'); ++k) {}
    s.exit_values.push_back(std::stoi(f));
  }
  std::istringstream p(slurp(pids));
  while (std::getline(p, line))
    if (!line.empty()) s.pids.insert(line);
  return s;
}

std::size_t count_lines(const std::string& s) { return std::size_t(std::count(s.begin(), s.end(), '\n')); }

TEST(Scaling, ParallelPipeJsonlIsIdenticalToOneProcess) {
  if (!have_parallel()) GTEST_SKIP() << "GNU parallel is not installed (bash scripts/install-deps.sh installs it)";
  constexpr std::size_t kDocs = 3000;
  const std::string input = make_jsonl(kDocs);
  ASSERT_GT(input.size(), 40u * 16 * 1024) << "the input must span many --block chunks";
  const Scaled s = run_both("scale.jsonl", input, "tag --input jsonl --format jsonl");
  ASSERT_EQ(s.one.status, 0) << s.one.err;
  ASSERT_EQ(s.many.status, 0) << s.many.err;
  EXPECT_EQ(count_lines(s.one.out), kDocs);
  EXPECT_NE(s.one.out.find("\"source\":\"gaz:nvidia\""), std::string::npos);
  EXPECT_NE(s.one.out.find("\"type\":\"MONEY\""), std::string::npos);
  EXPECT_NE(s.one.out.find("\"id\":{\"doc\":"), std::string::npos) << "ids pass through";
  EXPECT_TRUE(s.many.out == s.one.out) << "parallel output differs from one process ("
                                       << s.many.out.size() << " vs " << s.one.out.size() << " bytes)";
  EXPECT_GT(s.jobs, std::size_t(kJobs)) << "the input was not split into several jobs";
  EXPECT_EQ(s.pids.size(), s.jobs) << "one alam process per job";
  for (int v : s.exit_values) EXPECT_EQ(v, 0);
}

TEST(Scaling, ParallelPipeTextWithInvalidUtf8IsIdenticalToOneProcess) {
  if (!have_parallel()) GTEST_SKIP() << "GNU parallel is not installed (bash scripts/install-deps.sh installs it)";
  constexpr std::size_t kDocs = 4000;
  const Scaled s = run_both("scale.txt", make_text_lines(kDocs), "tag --format jsonl");
  ASSERT_EQ(s.one.status, 0) << s.one.err;
  ASSERT_EQ(s.many.status, 0) << s.many.err;
  EXPECT_EQ(count_lines(s.one.out), kDocs);
  EXPECT_NE(s.one.err.find("invalid UTF-8"), std::string::npos) << "the input has bad bytes";
  EXPECT_NE(s.one.out.find("\xef\xbf\xbd"), std::string::npos) << "bad bytes come out as U+FFFD";
  EXPECT_TRUE(s.many.out == s.one.out) << "parallel output differs from one process ("
                                       << s.many.out.size() << " vs " << s.one.out.size() << " bytes)";
  EXPECT_GT(s.jobs, std::size_t(kJobs));
  // Warnings name lines of each job's own chunk, so only their number is the same.
  EXPECT_EQ(std::count(s.many.err.begin(), s.many.err.end(), '\n'),
            std::count(s.one.err.begin(), s.one.err.end(), '\n'));
}

// With --keep-going a bad record is reported and skipped in both set-ups, so the output is the
// same; alam exits 1, and parallel's exit status counts the jobs that failed.
TEST(Scaling, BadRecordsUnderKeepGoing) {
  if (!have_parallel()) GTEST_SKIP() << "GNU parallel is not installed (bash scripts/install-deps.sh installs it)";
  std::string input = make_jsonl(2000);
  // Two malformed records far apart (so in two different chunks): not JSON, and a lone surrogate.
  const std::size_t a = input.find('\n', input.size() / 5) + 1;
  input.insert(a, "{\"text\": \"broken\" oops}\n");
  const std::size_t b = input.find('\n', input.size() * 4 / 5) + 1;
  input.insert(b, "{\"text\": \"\\ud800 lone\"}\n");
  const Scaled s = run_both("bad.jsonl", input, "tag --input jsonl --format jsonl --keep-going");
  EXPECT_EQ(s.one.status, 1) << s.one.err;
  EXPECT_EQ(count_lines(s.one.out), 2000u);
  EXPECT_TRUE(s.many.out == s.one.out) << "parallel output differs from one process";
  EXPECT_EQ(s.many.status, 2) << "parallel's exit status is the number of failed jobs: " << s.many.err;
  EXPECT_EQ(std::count(s.exit_values.begin(), s.exit_values.end(), 1), 2);
}

}  // namespace
}  // namespace alam
