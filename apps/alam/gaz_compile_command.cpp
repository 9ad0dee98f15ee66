// alam gaz compile | variants | diff | suggest
#include <fmt/core.h>

#include <chrono>

#include "common.hpp"

namespace alam::cli {
namespace {

struct CompileOptions {
  std::vector<std::string> sources;
  std::string output;
};

int run_compile(const CompileOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::filesystem::path> paths(o.sources.begin(), o.sources.end());
  auto sources = Gazetteer::read_sources(paths);
  if (!sources) {
    fmt::print(stderr, "alam: error: {}\n", sources.status().message());
    return sources.status().code() == StatusCode::kInvalidArgument ? kExitData : kExitIo;
  }
  auto g = Gazetteer::from_sources(*sources);
  if (!g) {
    fmt::print(stderr, "alam: error: {}\n", g.status().message());
    return kExitData;
  }
  if (Status s = g->write_compiled(o.output); !s) {
    fmt::print(stderr, "alam: error: {}\n", s.message());
    return kExitIo;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "alam: compiled {} entities from {} files into {} ({:.1f} MB) in {:.2f} s\n",
             g->size(), sources->size(), o.output, double(g->compiled_image().size()) / 1e6,
             seconds);
  return kExitOk;
}

}  // namespace

void register_gaz_compile(CLI::App& gaz) {
  auto o = std::make_shared<CompileOptions>();
  CLI::App* cmd = gaz.add_subcommand(
      "compile", "Compile gazetteer text files or folders into one binary file that `alam tag "
                 "--gazetteer FILE` memory-maps (no parsing at load)");
  cmd->add_option("sources", o->sources, "gazetteer files or folders of *.gaz")->required();
  cmd->add_option("-o,--output", o->output, "the compiled file to write")->required();
  cmd->callback([o] { throw CLI::RuntimeError(run_compile(*o)); });
}

}  // namespace alam::cli
