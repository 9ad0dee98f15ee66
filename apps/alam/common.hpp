// Shared pieces of the alam subcommands: exit codes, gazetteer options, line reading.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/tagger.hpp"

namespace alam::cli {

// Exit codes (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;  // malformed input data (JSONL, UTF-8 in --strict)
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitIo = 3;        // a file that cannot be read or written
inline constexpr int kExitData = 4;      // gazetteer errors

struct GazetteerOptions {
  std::vector<std::string> replace;  // --gazetteer: used instead of the embedded defaults
  std::vector<std::string> add;      // --add-gazetteer: used with the defaults
  void add_to(CLI::App& app);
  // Builds the gazetteer; prints the error and returns nullptr on failure.
  std::shared_ptr<const Gazetteer> load() const;
};

// Reads the lines of each input ("-" or none: stdin). fn(source_name, line_no, line) returns
// false to stop. Returns false when an input cannot be opened (after printing why).
bool for_each_line(const std::vector<std::string>& inputs,
                   const std::function<bool(const std::string&, std::size_t, std::string&)>& fn);

// The gazetteer folder that `alam gaz` works on by default: $ALAM_GAZETTEERS, else
// ./gazetteers, else the installed share/alam/gazetteers beside the binary, else the source
// tree's gazetteers/ when running from a build tree. Empty when none exists.
std::filesystem::path default_gazetteer_dir();

void register_tag(CLI::App& app);
void register_gaz(CLI::App& app);
void register_eval(CLI::App& app);
void register_explain(CLI::App& app);

}  // namespace alam::cli
