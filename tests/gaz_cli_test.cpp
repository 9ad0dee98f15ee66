// alam gaz add | alias | rm | rename | set | show | find | ls | lint through the real binary,
// and the editing guarantees with real processes: SIGKILL at many moments leaves the old or the
// new file; concurrent editors all land.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include "alam/gazetteer.hpp"
#include "alam/gazetteer_edit.hpp"
#include "cli_support.hpp"

namespace alam {
namespace {

namespace fs = std::filesystem;
using testing::alam_cmd;
using testing::run;
using testing::slurp;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = testing::temp_dir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

const char* const kOrgs =
    "# orgs\n\n[nvidia] ORG\nname = Nvidia\nalias = إنفيديا\nattr.country = US\n\n"
    "# stop list\n\n[stop-generic] STOP\nalias = AI\n";
const char* const kPeople = "[per-jensen-huang] PERSON\nname = Jensen Huang\nalias = جنسن هوانغ\n";

fs::path small_dir(const std::string& name) {
  const fs::path dir = fresh_dir(name);
  write(dir / "orgs.gaz", kOrgs);
  write(dir / "people.gaz", kPeople);
  return dir;
}

std::string gaz(const fs::path& dir, const std::string& args) {
  return alam_cmd("gaz " + args + " --dir '" + dir.string() + "'");
}

// Ids of all *.gaz files of dir, or an error message.
Result<std::set<std::string>> ids_in(const fs::path& dir) {
  auto sources = Gazetteer::read_sources({dir});
  if (!sources) return sources.status();
  auto parsed = parse_entities(*sources);
  if (!parsed) return parsed.status();
  std::set<std::string> ids;
  for (const Entity& e : *parsed) ids.insert(e.id);
  return ids;
}

std::vector<fs::path> temporaries(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().find(".alam-tmp-") != std::string::npos)
      out.push_back(entry.path());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Commands

TEST(GazCli, AddShowFindLs) {
  const fs::path dir = small_dir("gaz_add");
  auto add = run(gaz(dir, "add org 'Zhipu AI' -a '[cs] Zhipu' -a تشيبو --attr country=CN"));
  ASSERT_EQ(add.status, 0) << add.err;
  EXPECT_EQ(add.out, (dir / "orgs.gaz").string() + ":8: added [zhipu-ai] ORG\n");
  EXPECT_EQ(slurp(dir / "orgs.gaz"),
            "# orgs\n\n[nvidia] ORG\nname = Nvidia\nalias = إنفيديا\nattr.country = US\n\n"
            "[zhipu-ai] ORG\nname = Zhipu AI\nalias[cs] = Zhipu\nalias = تشيبو\nattr.country = CN\n\n"
            "# stop list\n\n[stop-generic] STOP\nalias = AI\n");

  auto show = run(gaz(dir, "show zhipu-ai"));
  ASSERT_EQ(show.status, 0) << show.err;
  EXPECT_EQ(show.out, "# " + (dir / "orgs.gaz").string() +
                          ":8-12\n[zhipu-ai] ORG\nname = Zhipu AI\nalias[cs] = Zhipu\nalias = "
                          "تشيبو\nattr.country = CN\n");
  EXPECT_NE(run(gaz(dir, "show zhipu-ai --keys")).out.find("→  zhipu ai"), std::string::npos);
  EXPECT_EQ(run(gaz(dir, "show nope")).status, 1);

  auto find = run(gaz(dir, "find وتشيبو"));
  ASSERT_EQ(find.status, 0) << find.err;
  EXPECT_EQ(find.out, "zhipu-ai\tORG\tZhipu AI\tproclitic\tتشيبو\t" + (dir / "orgs.gaz").string() +
                          ":11\n");
  EXPECT_EQ(run(gaz(dir, "find 'no such thing'")).status, 1);
  EXPECT_EQ(run(gaz(dir, "find nvid")).out.substr(0, 7), "nvidia\t");

  auto ls = run(gaz(dir, "ls"));
  ASSERT_EQ(ls.status, 0) << ls.err;
  EXPECT_EQ(ls.out,
            "nvidia\tORG\tNvidia\t2\nzhipu-ai\tORG\tZhipu AI\t3\nstop-generic\tSTOP\tAI\t1\n"
            "per-jensen-huang\tPERSON\tJensen Huang\t2\n");
  EXPECT_EQ(run(gaz(dir, "ls --type person")).out, "per-jensen-huang\tPERSON\tJensen Huang\t2\n");
  EXPECT_EQ(run(gaz(dir, "ls --type person --where")).out,
            "per-jensen-huang\tPERSON\tJensen Huang\t2\t" + (dir / "people.gaz").string() + ":1\n");
  EXPECT_EQ(run(gaz(dir, "ls --type thing")).status, 2);
}

TEST(GazCli, AliasRmRenameSet) {
  const fs::path dir = small_dir("gaz_edit");
  EXPECT_EQ(run(gaz(dir, "alias nvidia 'Nvidia Corp' 'انفيديا كورب' --cs")).status, 0);
  EXPECT_NE(slurp(dir / "orgs.gaz").find("alias = إنفيديا\nalias[cs] = Nvidia Corp\nalias[cs] = انفيديا كورب\n"),
            std::string::npos);
  auto warn = run(gaz(dir, "alias nvidia انفيديا"));  // same key as إنفيديا
  EXPECT_EQ(warn.status, 0);
  EXPECT_NE(warn.err.find("warning:"), std::string::npos);
  EXPECT_NE(warn.err.find("adds nothing"), std::string::npos);
  EXPECT_EQ(run(gaz(dir, "rm nvidia -a انفيديا -a 'انفيديا كورب'")).status, 0);

  auto rename = run(gaz(dir, "rename nvidia 'NVIDIA Corporation' --id nvidia-corp"));
  ASSERT_EQ(rename.status, 0) << rename.err;
  EXPECT_NE(rename.out.find("old name stays an alias"), std::string::npos);
  EXPECT_NE(rename.out.find("[nvidia] is now [nvidia-corp]"), std::string::npos);
  EXPECT_EQ(run(gaz(dir, "set nvidia-corp attr.wikidata Q182477")).status, 0);
  EXPECT_EQ(run(gaz(dir, "set nvidia-corp attr.country --unset")).status, 0);
  EXPECT_EQ(run(gaz(dir, "set nvidia-corp 'alias[exact]' إنفيديا")).status, 0);
  EXPECT_EQ(run(gaz(dir, "set nvidia-corp 'alias[]' 'Nvidia Corp'")).status, 0);
  EXPECT_EQ(run(gaz(dir, "set nvidia-corp type PRODUCT")).status, 0);
  EXPECT_EQ(slurp(dir / "orgs.gaz"),
            "# orgs\n\n[nvidia-corp] PRODUCT\nname = NVIDIA Corporation\nalias = Nvidia\n"
            "alias[exact] = إنفيديا\nalias = Nvidia Corp\nattr.wikidata = Q182477\n\n"
            "# stop list\n\n[stop-generic] STOP\nalias = AI\n");
  EXPECT_EQ(run(gaz(dir, "rm nvidia-corp")).status, 0);
  EXPECT_EQ(slurp(dir / "orgs.gaz"), "# orgs\n\n# stop list\n\n[stop-generic] STOP\nalias = AI\n");
}

TEST(GazCli, RefusalsAndExitCodes) {
  const fs::path dir = small_dir("gaz_refuse");
  // A collision with another entity: refused (1), nothing written; --force writes.
  auto clash = run(gaz(dir, "alias per-jensen-huang إنفيديا"));
  EXPECT_EQ(clash.status, 1);
  EXPECT_NE(clash.err.find("alam: error: refusing to write"), std::string::npos) << clash.err;
  EXPECT_EQ(slurp(dir / "people.gaz"), kPeople);
  EXPECT_EQ(run(gaz(dir, "alias per-jensen-huang إنفيديا --force")).status, 0);
  // A result that would not load.
  auto bad = run(gaz(dir, "alias nvidia '(x)'"));
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("orgs.gaz:6:1: alias has no letters or digits"), std::string::npos) << bad.err;
  EXPECT_EQ(run(gaz(dir, "alias nope X")).status, 1);
  EXPECT_EQ(run(gaz(dir, "add ORG '[zz] X'")).status, 2);
  EXPECT_EQ(run(gaz(dir, "add ORG X --attr nokey")).status, 2);
  EXPECT_EQ(run(gaz(dir, "set nvidia color red")).status, 2);
  EXPECT_EQ(run(alam_cmd("gaz ls --dir /nonexistent/alam")).status, 3);
  // ALAM_GAZETTEERS is the default folder.
  auto env = run("ALAM_GAZETTEERS='" + dir.string() + "' " + alam_cmd("gaz ls --type PERSON"));
  EXPECT_EQ(env.status, 0) << env.err;
  EXPECT_EQ(env.out.substr(0, 17), "per-jensen-huang\t");
  // ls on a broken gazetteer: the parser's error, exit 4.
  write(dir / "zz.gaz", "[x] ORG\nnmae = X\n");
  auto broken = run(gaz(dir, "ls"));
  EXPECT_EQ(broken.status, 4);
  EXPECT_NE(broken.err.find("zz.gaz:2:1: unknown key 'nmae'"), std::string::npos) << broken.err;
}

TEST(GazCli, Lint) {
  const fs::path dir = small_dir("gaz_lint");
  auto clean = run(gaz(dir, "lint"));
  EXPECT_EQ(clean.status, 0) << clean.out << clean.err;
  EXPECT_EQ(clean.out, "");
  EXPECT_NE(clean.err.find("0 errors, 0 warnings in 2 files (3 entities, 5 aliases)"),
            std::string::npos) << clean.err;

  write(dir / "products.gaz", "[prod-x] PRODUCT\nname = Apple\n");  // a common word
  auto warn = run(gaz(dir, "lint"));
  EXPECT_EQ(warn.status, 0);
  EXPECT_EQ(warn.out, (dir / "products.gaz").string() +
                          ":2: warning: 'Apple' is a common English word: flag it cs (alias[cs] = "
                          "Apple) so that only this spelling matches [common-word]\n");
  EXPECT_EQ(run(gaz(dir, "lint --strict")).status, 1);

  write(dir / "places.gaz", "[loc-x] LOC\nname = جنسن هوانغ\n\n[nvidia] LOC\nname = X\nfoo = 1\n");
  auto errors = run(gaz(dir, "lint --errors-only"));
  EXPECT_EQ(errors.status, 1);
  const std::string places = (dir / "places.gaz").string();
  EXPECT_EQ(errors.out,
            places + ":2: error: alias 'جنسن هوانغ' of [loc-x] LOC has the same lookup key 'جنسن "
                     "هوانغ' as alias 'جنسن هوانغ' of [per-jensen-huang] PERSON at " +
                (dir / "people.gaz").string() + ":3 (different types) [alias-collision]\n" +
                places + ":4: error: duplicate id 'nvidia' (first defined at " +
                (dir / "orgs.gaz").string() + ":3) [duplicate-id]\n" + places +
                ":6: error: unknown key 'foo' (known: name, alias, attr.KEY) [syntax]\n");
}

TEST(GazCli, LintOfTheShippedGazetteersHasNoErrors) {
  auto r = run(alam_cmd(std::string("gaz lint --errors-only --dir '") + ALAM_SOURCE_DIR + "/gazetteers'"));
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
}

// ---------------------------------------------------------------------------------------------
// Processes

// Starts `alam gaz add ORG NAME --id ID --dir DIR` with output discarded; returns its pid.
pid_t spawn_add(const fs::path& dir, const std::string& name, const std::string& id,
                const std::string& type = "ORG") {
  std::vector<std::string> args = {ALAM_BINARY, "gaz",  "add",        type, name, "--id",
                                   id,          "--dir", dir.string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int wait_status(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// A folder whose orgs.gaz is large (about 2 MB, mostly long comment lines) so that writing it
// takes a measurable time.
fs::path large_dir(const std::string& name) {
  const fs::path dir = fresh_dir(name);
  std::string text = "# a large gazetteer for the crash test\n";
  const std::string filler(3000, 'x');
  for (int i = 0; i < 600; ++i) {
    text += "# " + std::to_string(i) + " " + filler + "\n";
    if (i % 10 == 0)
      text += "\n[org-" + std::to_string(i) + "] ORG\nname = Org " + std::to_string(i) +
              "\nalias = منظمة " + std::to_string(i) + "\n\n";
  }
  write(dir / "orgs.gaz", text);
  write(dir / "people.gaz", kPeople);
  return dir;
}

// SIGKILL `alam gaz add` at many moments: before and while it reads, validates and writes (a
// fixed spread of delays over one run's duration), right after its temporary file appears (0 to
// 2 ms later, when the write is under way), and right after the rename. After each kill every .gaz file must parse,
// orgs.gaz must be byte-identical to the old or to the new text, and any temporary file left
// behind must be invisible to loaders and removed by the next editor.
TEST(GazCliProcesses, KilledEditorLeavesOldOrNewFile) {
  const fs::path dir = large_dir("gaz_kill");
  const fs::path orgs = dir / "orgs.gaz";

  // One undisturbed run for the timing.
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(wait_status(spawn_add(dir, "Timing Run", "timing-run")), 0);
  const auto full = std::chrono::steady_clock::now() - t0;
  const long full_us = std::chrono::duration_cast<std::chrono::microseconds>(full).count();

  // Fewer spread-out kills under the sanitizers (ALAM_TEST_LIGHT), where each run is slow; the
  // kills during the write and after the rename stay.
  const int kSpread = testing::light() ? 10 : 30, kAtWrite = 12, kAfterRename = 4;
  const int kKills = kSpread + kAtWrite + kAfterRename;
  int landed = 0, not_landed = 0, temp_left = 0;
  for (int k = 0; k < kKills; ++k) {
    const std::string old_text = slurp(orgs);
    struct stat old_stat {};
    ASSERT_EQ(::stat(orgs.c_str(), &old_stat), 0);
    const std::string id = "kill-" + std::to_string(k);
    const std::string name = "Killed Editor " + std::to_string(k);
    GazetteerDocument expected = GazetteerDocument::parse(orgs.string(), old_text);
    NewEntity e;
    e.type = EntityType::kOrg;
    e.id = id;
    e.name = {name};
    ASSERT_TRUE(expected.add_entity(e));
    const std::string new_text = expected.text();

    const pid_t pid = spawn_add(dir, name, id);
    // Generous: the waits below end as soon as what they wait for happens.
    const auto deadline = std::chrono::steady_clock::now() +
                          std::max<std::chrono::steady_clock::duration>(full * 10, std::chrono::seconds(3));
    if (k < kSpread) {
      std::this_thread::sleep_for(std::chrono::microseconds(full_us * k * 13 / 10 / kSpread));
    } else if (k >= kSpread + kAtWrite) {
      // Right after the rename (a new inode), while the folder is fsynced.
      struct stat st {};
      while (std::chrono::steady_clock::now() < deadline &&
             (::stat(orgs.c_str(), &st) != 0 || st.st_ino == old_stat.st_ino)) {
      }
    } else {
      // Wait for this editor's temporary file, then kill it 0..2 ms into the write.
      const fs::path tmp = dir / (".orgs.gaz.alam-tmp-" + std::to_string(pid) + "-0");
      struct stat st {};
      while (::stat(tmp.c_str(), &st) != 0 && std::chrono::steady_clock::now() < deadline) {
      }
      std::this_thread::sleep_for(std::chrono::microseconds(2000 * (k - kSpread) / kAtWrite));
    }
    ::kill(pid, SIGKILL);
    wait_status(pid);

    const std::string now = slurp(orgs);
    const bool is_old = now == old_text, is_new = now == new_text;
    ASSERT_TRUE(is_old || is_new) << "kill " << k << ": orgs.gaz is neither the old nor the new "
                                  << "text (" << now.size() << " bytes)";
    (is_new ? landed : not_landed)++;
    if (!temporaries(dir).empty()) ++temp_left;
    auto ids = ids_in(dir);
    ASSERT_TRUE(ids) << "kill " << k << ": " << ids.status().message();
    EXPECT_EQ(ids->count(id), is_new ? 1u : 0u);
  }
  // The lock is free again and the next editor cleans up.
  ASSERT_EQ(wait_status(spawn_add(dir, "After The Kills", "after-kills")), 0);
  EXPECT_TRUE(temporaries(dir).empty());
  auto ids = ids_in(dir);
  ASSERT_TRUE(ids);
  EXPECT_TRUE(ids->count("after-kills"));
  std::cout << "[ kill test ] one run " << full_us / 1000.0 << " ms; " << kKills
            << " kills: " << landed << " left the new file, " << not_landed
            << " the old one; " << temp_left << " were killed mid-write (temporary file left)\n";
  EXPECT_GT(not_landed, 0);
  EXPECT_GT(landed, 0);
  EXPECT_GT(temp_left, 0) << "no kill landed while the temporary file was being written";
  if (!HasFailure()) fs::remove_all(dir);
}

TEST(GazCliProcesses, ConcurrentEditorsAllLand) {
  const fs::path dir = large_dir("gaz_concurrent");
  auto before = ids_in(dir);
  ASSERT_TRUE(before);
  constexpr int kEditors = 8;
  std::vector<pid_t> pids;
  for (int i = 0; i < kEditors; ++i)  // half into orgs.gaz, half into people.gaz
    pids.push_back(spawn_add(dir, "Concurrent " + std::to_string(i),
                             (i % 2 ? "per-concurrent-" : "concurrent-") + std::to_string(i),
                             i % 2 ? "PERSON" : "ORG"));
  for (pid_t pid : pids) EXPECT_EQ(wait_status(pid), 0);
  auto after = ids_in(dir);
  ASSERT_TRUE(after) << after.status().message();
  EXPECT_EQ(after->size(), before->size() + kEditors);
  for (int i = 0; i < kEditors; ++i)
    EXPECT_TRUE(after->count((i % 2 ? "per-concurrent-" : "concurrent-") + std::to_string(i))) << i;
  EXPECT_TRUE(temporaries(dir).empty());
  if (!HasFailure()) fs::remove_all(dir);
}

}  // namespace
}  // namespace alam
