// alam tag -j N: output identical to one thread in every format, with bad input too; each
// document's output is written as soon as it is tagged; progress only on a terminal.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"

using namespace alam::testing;

namespace {

// Many documents (several chunks of the pipeline), with entities, tabs, quotes, a bad byte.
std::string many_documents(std::size_t count) {
  const char* lines[] = {
      "قالت إنفيديا إن رقائق A800 وH800 ستباع في الصين بقيمة 5 مليارات دولار.",
      "SenseTime and iFlytek \"rose\" 3.5% on\tMonday, said Jensen Huang.",
      "وأعلنت هواوي عن شريحة Ascend 910B في 12 مارس 2024.",
      "",
      "line with a bad byte \xff then Nvidia",
      "لـNvidia وللشركة حصة ٤٥٪ من السوق",
  };
  std::string s;
  for (std::size_t i = 0; i < count; ++i) {
    s += lines[i % 6];
    s += " #" + std::to_string(i) + "\n";
  }
  return s;
}

std::string as_jsonl(const std::string& text) {
  std::string out;
  std::size_t n = 0, start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl - start);
    start = nl + 1;
    std::string esc;
    for (char c : line) {
      if (c == '"' || c == '\\') esc += '\\';
      if (c == '\t') { esc += "\\t"; continue; }
      if (c == '\xff') { esc += "\\u00ff"; continue; }  // JSON text is UTF-8
      esc += c;
    }
    if (++n % 997 == 0) out += "{\"id\": " + std::to_string(n) + ", \"text\": broken}\n";
    out += "{\"id\": " + std::to_string(n) + ", \"text\": \"" + esc + "\"}\n";
  }
  return out;
}

}  // namespace

// One test per output format, so that CTest (and the sharded ThreadSanitizer run) can spread
// them over the cores.
class TagJobsFormat : public ::testing::TestWithParam<const char*> {};

TEST_P(TagJobsFormat, OutputIsIdenticalToOneThread) {
  const std::string format = GetParam();
  // ~1 MB: several chunks.
  const auto in = write_temp("jobs-" + format + ".txt", many_documents(12000));
  const alam::testing::Run one = run(alam_cmd("tag --format " + format + " -j 1 " + in));
  ASSERT_EQ(one.status, 0) << one.err;
  ASSERT_GT(one.out.size(), 100000u);
  // Under the sanitizers (light()), where each run is slow, one thread count: three threads
  // over the chunks, so that they finish out of order.
  const std::vector<std::string> thread_counts =
      alam::testing::light() ? std::vector<std::string>{"3"} : std::vector<std::string>{"2", "4"};
  for (const std::string& jobs : thread_counts) {
    const alam::testing::Run many =
        run(alam_cmd("tag --format " + format + " -j " + jobs + " " + in));
    EXPECT_EQ(many.status, 0) << many.err;
    EXPECT_TRUE(many.out == one.out) << format << " -j " << jobs << " differs";
    EXPECT_EQ(many.err, one.err) << format;  // the same warnings, in the same order
  }
}

INSTANTIATE_TEST_SUITE_P(EveryFormat, TagJobsFormat,
                         ::testing::Values("jsonl", "conll", "xml", "human", "html"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           return std::string(info.param);
                         });

TEST(TagJobs, BadInputStopsAtTheSameLineOrGoesOnIdentically) {
  const auto in = write_temp("jobs.jsonl", as_jsonl(many_documents(6000)));
  for (const std::string flags : {"", "--keep-going ", "--strict --keep-going "}) {
    const alam::testing::Run one = run(alam_cmd("tag --input jsonl " + flags + "-j 1 " + in));
    EXPECT_EQ(one.status, 1) << flags;
    EXPECT_NE(one.err.find("jobs.jsonl:997: column "), std::string::npos) << one.err;
    const alam::testing::Run many = run(alam_cmd("tag --input jsonl " + flags + "-j 3 " + in));
    EXPECT_EQ(many.status, 1);
    EXPECT_TRUE(many.out == one.out) << flags;
    EXPECT_EQ(many.err, one.err) << flags;
    if (flags.empty()) {  // stopped before line 997: 996 documents, the rest not written
      EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 996);
    } else {  // every good line written: 6000 documents
      EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 6000) << flags;
    }
  }
}

TEST(TagJobs, SeveralFilesAndAMissingOne) {
  const auto a = write_temp("a.txt", many_documents(3000));
  const auto b = write_temp("b.txt", "Nvidia\nSenseTime");  // no final newline
  const alam::testing::Run one = run(alam_cmd("tag -j 1 " + a + " " + b + " /nonexistent/c.txt " + a));
  EXPECT_EQ(one.status, 3);
  EXPECT_NE(one.err.find("/nonexistent/c.txt: cannot open"), std::string::npos) << one.err;
  EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 3002);  // a and b, then stop
  const alam::testing::Run many = run(alam_cmd("tag -j 2 " + a + " " + b + " /nonexistent/c.txt " + a));
  EXPECT_EQ(many.status, 3);
  EXPECT_TRUE(many.out == one.out);
}

// Writes one line to a running `alam tag` and reads its output while standard input stays
// open: each document is written as soon as it is tagged.
TEST(TagJobs, WritesEachDocumentBeforeTheInputEnds) {
  for (const char* jobs : {"1", "2"}) {
    int to_child[2], from_child[2];
    ASSERT_EQ(pipe(to_child), 0);
    ASSERT_EQ(pipe(from_child), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      dup2(to_child[0], 0);
      dup2(from_child[1], 1);
      close(to_child[1]);
      close(from_child[0]);
      execl(ALAM_BINARY, ALAM_BINARY, "tag", "-j", jobs, "--format", "jsonl", (char*)nullptr);
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    std::string got;
    for (const std::string line : {"قالت إنفيديا\n", "SenseTime\n"}) {
      ASSERT_EQ(write(to_child[1], line.data(), line.size()), ssize_t(line.size()));
      // Wait up to 20 s for one more output line.
      const std::size_t lines_before = std::count(got.begin(), got.end(), '\n');
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (std::size_t(std::count(got.begin(), got.end(), '\n')) == lines_before &&
             std::chrono::steady_clock::now() < deadline) {
        pollfd p{from_child[0], POLLIN, 0};
        if (poll(&p, 1, 100) == 1) {
          char buf[4096];
          const ssize_t n = read(from_child[0], buf, sizeof buf);
          if (n <= 0) break;
          got.append(buf, std::size_t(n));
        }
      }
      EXPECT_EQ(std::size_t(std::count(got.begin(), got.end(), '\n')), lines_before + 1)
          << "-j " << jobs << ": no output for " << line << " while the input is open";
    }
    EXPECT_NE(got.find("\"canonical\":\"Nvidia\""), std::string::npos) << got;
    EXPECT_NE(got.find("\"canonical\":\"SenseTime\""), std::string::npos) << got;
    close(to_child[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    close(from_child[0]);
  }
}

// Progress goes to stderr only when it is a terminal (and stdout is not).
TEST(TagJobs, ProgressOnlyOnATerminal) {
  // In a pipe or file: never.
  const auto in = write_temp("progress.txt", many_documents(2000));
  const alam::testing::Run piped = run(alam_cmd("tag " + in));
  EXPECT_EQ(piped.err.find('\r'), std::string::npos);

  // On a terminal (a pseudo-terminal as stderr), for a run longer than a second.
  const int master = posix_openpt(O_RDWR | O_NOCTTY);
  ASSERT_GE(master, 0);
  ASSERT_EQ(grantpt(master), 0);
  ASSERT_EQ(unlockpt(master), 0);
  const std::string slave_name = ptsname(master);
  int to_child[2];
  ASSERT_EQ(pipe(to_child), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int slave = open(slave_name.c_str(), O_RDWR);
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(to_child[0], 0);
    dup2(devnull, 1);
    dup2(slave, 2);
    close(to_child[1]);
    close(master);
    execl(ALAM_BINARY, ALAM_BINARY, "tag", (char*)nullptr);
    _exit(127);
  }
  close(to_child[0]);
  const std::string docs = many_documents(50);
  ASSERT_EQ(write(to_child[1], docs.data(), docs.size()), ssize_t(docs.size()));
  // Well past the 1 s before progress shows, even when alam starts slowly (sanitizers, load).
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  ASSERT_EQ(write(to_child[1], docs.data(), docs.size()), ssize_t(docs.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  close(to_child[1]);
  std::string shown;
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (poll(&p, 1, 2000) != 1) break;
    char buf[4096];
    const ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has exited
    shown.append(buf, std::size_t(n));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_NE(shown.find("alam: 100 documents"), std::string::npos) << shown;
  EXPECT_NE(shown.find("MB/s"), std::string::npos) << shown;
}
