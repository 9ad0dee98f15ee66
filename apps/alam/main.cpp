// alam — named-entity tagger for mixed Arabic/Latin text. Subcommands live in *_command.cpp;
// every decision is made in the library.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <csignal>
#include <exception>

#include "alam/version.hpp"
#include "common.hpp"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_DFL);  // `alam tag | head` ends quietly
  CLI::App app{"alam: fast, exact named-entity tagger for mixed Arabic/Latin text"};
  app.set_version_flag("--version", std::string("alam ") + alam::kVersion);
  app.require_subcommand(1);
  alam::cli::register_tag(app);
  alam::cli::register_eval(app);
  alam::cli::register_explain(app);
  alam::cli::register_gaz(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a subcommand finished with this status
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : alam::cli::kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "alam: error: {}\n", e.what());
    return alam::cli::kExitBadInput;
  }
  return 0;
}
