#include "common.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "embedded_image.hpp"
#include "line_reader.hpp"

namespace alam::cli {

void GazetteerOptions::add_to(CLI::App& app) {
  app.add_option("--gazetteer", replace,
                 "gazetteer file or folder of *.gaz files to use instead of the built-in "
                 "defaults (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--add-gazetteer", add,
                 "gazetteer file or folder to use in addition to the built-in defaults "
                 "(repeatable)")
      ->allow_extra_args(false);
}

std::shared_ptr<const Gazetteer> GazetteerOptions::load() const {
  // One compiled file is memory-mapped as it is.
  if (replace.size() == 1 && add.empty() && Gazetteer::is_compiled_file(replace.front())) {
    auto g = Gazetteer::load_compiled(replace.front());
    if (!g) {
      fmt::print(stderr, "alam: error: {}\n", g.status().message());
      return nullptr;
    }
    return std::make_shared<const Gazetteer>(std::move(g).value());
  }
  const auto compiled = [](const std::string& p) { return Gazetteer::is_compiled_file(p); };
  if (std::any_of(replace.begin(), replace.end(), compiled) ||
      std::any_of(add.begin(), add.end(), compiled)) {
    fmt::print(stderr, "alam: error: a compiled gazetteer must be used alone (--gazetteer FILE)\n");
    return nullptr;
  }
  // The defaults alone: the image compiled at build time. It is rejected only when the ICU
  // found at run time normalizes differently from the one at build time; then the texts.
  if (replace.empty() && add.empty()) {
    if (auto g = Gazetteer::from_static_image(embedded_image(), "<embedded>"))
      return std::make_shared<const Gazetteer>(std::move(g).value());
  }
  std::vector<GazetteerSource> sources;
  if (replace.empty()) sources = Gazetteer::embedded_sources();
  std::vector<std::filesystem::path> paths(replace.begin(), replace.end());
  paths.insert(paths.end(), add.begin(), add.end());
  if (!paths.empty()) {
    auto files = Gazetteer::read_sources(paths);
    if (!files) {
      fmt::print(stderr, "alam: error: {}\n", files.status().message());
      return nullptr;
    }
    sources.insert(sources.end(), files->begin(), files->end());
  }
  Result<Gazetteer> g = Gazetteer::from_sources(sources);
  if (!g) {
    fmt::print(stderr, "alam: error: {}\n", g.status().message());
    return nullptr;
  }
  return std::make_shared<const Gazetteer>(std::move(g).value());
}

std::filesystem::path default_gazetteer_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const char* env = std::getenv("ALAM_GAZETTEERS"); env && *env) return env;
  if (fs::is_directory("gazetteers", ec)) return "gazetteers";
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {exe.parent_path() / "../share/alam/gazetteers",
                                      exe.parent_path() / "../../../gazetteers"})
      if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec);
  }
  return {};
}

bool for_each_line(const std::vector<std::string>& inputs,
                   const std::function<bool(const std::string&, std::size_t, std::string&)>& fn) {
  const std::vector<std::string> names = inputs.empty() ? std::vector<std::string>{"-"} : inputs;
  std::string line;
  Chunk chunk;
  for (const std::string& name : names) {
    LineReader reader(name);
    while (reader.next(chunk)) {
      const bool more = chunk.for_each([&](std::size_t line_no, std::string_view text) {
        line.assign(text);
        return fn(reader.shown_name(), line_no, line);
      });
      if (!more) return true;
    }
    if (!reader.ok()) {
      fmt::print(stderr, "alam: error: {}\n", reader.error());
      return false;
    }
  }
  return true;
}

}  // namespace alam::cli
