// Helpers for tests that run programs: run a shell command, capture output and exit status.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "test_scale.hpp"

namespace alam::testing {

struct Run {
  int status = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// This test process's scratch folder, removed when the process exits normally (not by a forked
// child: only the process that made it removes it).
inline std::filesystem::path temp_dir() {
  struct Scratch {
    pid_t owner = ::getpid();
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("alam_cli_test_" + std::to_string(::getpid()));
    Scratch() { std::filesystem::create_directories(dir); }
    ~Scratch() {
      std::error_code ec;
      if (::getpid() == owner) std::filesystem::remove_all(dir, ec);
    }
  };
  static const Scratch scratch;
  return scratch.dir;
}

inline std::string write_temp(const std::string& name, const std::string& content) {
  const auto path = temp_dir() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;  // whole buffers: byte by byte is slow in the -O0 sanitizer build
  s << in.rdbuf();
  return std::move(s).str();
}

// Runs `command` with sh; stdout and stderr are captured through files.
inline Run run(const std::string& command) {
  const auto out = temp_dir() / "stdout", err = temp_dir() / "stderr";
  const std::string full = command + " >" + out.string() + " 2>" + err.string();
  const int raw = std::system(full.c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

inline std::string alam_cmd(const std::string& args) {
  // Appended piece by piece: GCC 12 warns (-Wstringop-overflow, a false positive) about the
  // chain of + once GoogleTest's header is precompiled.
  std::string cmd = "'";
  cmd += ALAM_BINARY;
  cmd += "' ";
  cmd += args;
  return cmd;
}

}  // namespace alam::testing
