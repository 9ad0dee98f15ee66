// alam gaz import tsv | pci-ids | icu: gazetteer text generated from benchmark TSV rows, the
// pci.ids database and ICU's locale data (rules: docs/gazetteer-format.md, "Generated
// gazetteers").
#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "alam/gazetteer_import.hpp"
#include "common.hpp"

namespace alam::cli {
namespace {

namespace fs = std::filesystem;

struct ImportArgs {
  std::string input;                 // TSV or pci.ids file ("-": stdin)
  std::string output;                // "-": stdout
  std::vector<std::string> exclude;  // curated gazetteer files or folders
  std::string id_prefix;
  bool id_prefix_set = false;
};

Result<std::string> read_input(const std::string& path) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status{StatusCode::kNotFound, path + ": cannot open"};
  in.seekg(0, std::ios::end);
  const std::streamoff size = in ? std::streamoff(in.tellg()) : -1;
  if (size < 0) {  // not seekable (a pipe): read it as a stream
    in.clear();
    ss << in.rdbuf();
    if (in.bad()) return Status{StatusCode::kIoError, path + ": read error"};
    return ss.str();
  }
  std::string text(std::size_t(size), '\0');  // one copy of a large TSV, not two
  in.seekg(0);
  in.read(text.data(), size);
  if (in.gcount() != size) return Status{StatusCode::kIoError, path + ": read error"};
  return text;
}

// The curated sources to exclude: the files and the *.gaz files of the folders, except the
// output itself and other generated files (so that regenerating never depends on what was
// generated before).
Result<std::vector<GazetteerSource>> read_exclude(const std::vector<std::string>& paths,
                                                  const std::string& output) {
  std::vector<fs::path> list(paths.begin(), paths.end());
  auto sources = Gazetteer::read_sources(list);
  if (!sources) return sources.status();
  std::error_code ec;
  const fs::path out = output == "-" ? fs::path() : fs::weakly_canonical(output, ec);
  std::vector<GazetteerSource> kept;
  for (GazetteerSource& s : *sources) {
    if (!out.empty() && fs::weakly_canonical(s.name, ec) == out) continue;
    if (is_generated_gazetteer(s.text)) continue;
    kept.push_back(std::move(s));
  }
  if (auto parsed = parse_entities(kept); !parsed) return parsed.status();  // exit 4, not 1
  return kept;
}

// The command as documented in the generated file's header.
std::string command_line(const std::string& kind, const ImportArgs& a, bool with_input) {
  std::string c = "alam gaz import " + kind;
  if (with_input) c += " " + a.input;
  c += " -o " + a.output;
  for (const std::string& e : a.exclude) c += " --exclude " + e;
  if (a.id_prefix_set) c += " --id-prefix " + a.id_prefix;
  return c;
}

int exit_code_of(const Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound:
    case StatusCode::kIoError: return kExitIo;
    default: return kExitBadInput;
  }
}

// Writes through a temporary file renamed over OUT at the end: a failed import leaves no
// partial output (and the previous file intact).
template <typename Write>
int write_output(const std::string& output, const Write& write,
                 const std::chrono::steady_clock::time_point start) {
  Result<ImportSummary> summary = Status{StatusCode::kIoError, "unset"};
  if (output == "-") {
    summary = write(std::cout);
    std::cout.flush();
    if (summary && !std::cout) summary = Status{StatusCode::kIoError, "<stdout>: write error"};
  } else {
    const fs::path tmp = output + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) {
        fmt::print(stderr, "alam: error: {}: cannot write\n", output);
        return kExitIo;
      }
      summary = write(out);
      out.close();
      if (summary && !out) summary = Status{StatusCode::kIoError, output + ": write error"};
    }
    std::error_code ec;
    if (summary) {
      fs::rename(tmp, output, ec);
      if (ec) summary = Status{StatusCode::kIoError, output + ": cannot write: " + ec.message()};
    }
    if (!summary) fs::remove(tmp, ec);
  }
  if (!summary) {
    fmt::print(stderr, "alam: error: {}\n", summary.status().message());
    return exit_code_of(summary.status());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr,
             "alam: read {} records; wrote {} entities, {} aliases to {} in {:.2f} s ({} aliases "
             "already curated, {} filtered)\n",
             summary->records, summary->entities, summary->aliases,
             output == "-" ? "<stdout>" : output, seconds, summary->excluded_aliases,
             summary->filtered_aliases);
  return kExitOk;
}

int run_tsv(const ImportArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  auto text = read_input(a.input);
  if (!text) {
    fmt::print(stderr, "alam: error: {}\n", text.status().message());
    return kExitIo;
  }
  TsvImportOptions options;
  options.id_prefix = a.id_prefix;
  options.command = command_line("tsv", a, true);
  const std::string name = a.input == "-" ? "<stdin>" : a.input;
  return write_output(
      a.output, [&](std::ostream& out) { return import_tsv(*text, name, out, options); }, start);
}

int run_pci_ids(const ImportArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  auto text = read_input(a.input);
  if (!text) {
    fmt::print(stderr, "alam: error: {} (install the Debian package pci.ids, or give the file)\n",
               text.status().message());
    return kExitIo;
  }
  PciIdsImportOptions options;
  if (a.id_prefix_set) options.id_prefix = a.id_prefix;
  options.source_name = a.input;
  options.command = command_line("pci-ids", a, true);
  if (!a.exclude.empty()) {
    auto exclude = read_exclude(a.exclude, a.output);
    if (!exclude) {
      fmt::print(stderr, "alam: error: {}\n", exclude.status().message());
      return exclude.status().code() == StatusCode::kInvalidArgument ? kExitData : kExitIo;
    }
    options.exclude = std::move(exclude).value();
  }
  return write_output(
      a.output, [&](std::ostream& out) { return import_pci_ids(*text, out, options); }, start);
}

int run_icu(const ImportArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  IcuImportOptions options;
  if (a.id_prefix_set) options.id_prefix = a.id_prefix;
  options.command = command_line("icu", a, false);
  if (!a.exclude.empty()) {
    auto exclude = read_exclude(a.exclude, a.output);
    if (!exclude) {
      fmt::print(stderr, "alam: error: {}\n", exclude.status().message());
      return exclude.status().code() == StatusCode::kInvalidArgument ? kExitData : kExitIo;
    }
    options.exclude = std::move(exclude).value();
  }
  return write_output(
      a.output, [&](std::ostream& out) { return import_icu(out, options); }, start);
}

void add_common(CLI::App* cmd, ImportArgs& a, bool exclude) {
  cmd->add_option("-o,--output", a.output, "the gazetteer file to write (- for standard output)")
      ->required();
  if (exclude)
    cmd->add_option("--exclude", a.exclude,
                    "curated gazetteer file or folder (repeatable): aliases listed there are not "
                    "generated; generated files and the output itself are skipped")
        ->allow_extra_args(false);
  cmd->add_option("--id-prefix", a.id_prefix, "prefix of every generated id")
      ->each([&a](const std::string&) { a.id_prefix_set = true; });
}

}  // namespace

void register_gaz_import(CLI::App& gaz) {
  CLI::App* import = gaz.add_subcommand(
      "import", "Generate a gazetteer from other data: benchmark TSV rows, pci.ids, ICU locale "
                "data (`alam gaz import FILE.tsv -o OUT` is short for `import tsv`)");
  import->require_subcommand(0, 1);

  auto shorthand = std::make_shared<ImportArgs>();
  import->add_option("file", shorthand->input, "a TSV file (the `import tsv` shorthand)");
  import->add_option("-o,--output", shorthand->output, "the gazetteer file to write");
  import->add_option("--id-prefix", shorthand->id_prefix, "prefix of every generated id")
      ->each([s = shorthand.get()](const std::string&) { s->id_prefix_set = true; });

  auto tsv = std::make_shared<ImportArgs>();
  CLI::App* tsv_cmd = import->add_subcommand(
      "tsv", "Rows TYPE<TAB>canonical<TAB>alias (../shared/bench/gen_corpus.py) grouped into "
             "entities; the result replaces the defaults with `alam tag --gazetteer OUT`");
  tsv_cmd->add_option("file", tsv->input, "the TSV file (- for standard input)")->required();
  add_common(tsv_cmd, *tsv, false);
  tsv_cmd->callback([tsv] { throw CLI::RuntimeError(run_tsv(*tsv)); });

  auto pci = std::make_shared<ImportArgs>();
  pci->input = "/usr/share/misc/pci.ids";
  CLI::App* pci_cmd = import->add_subcommand(
      "pci-ids", "CHIP entities for the GPU and accelerator models of the PCI ID database");
  pci_cmd->add_option("file", pci->input, "the pci.ids file (Debian package pci.ids)")
      ->capture_default_str();
  add_common(pci_cmd, *pci, true);
  pci_cmd->callback([pci] { throw CLI::RuntimeError(run_pci_ids(*pci)); });

  auto icu = std::make_shared<ImportArgs>();
  CLI::App* icu_cmd = import->add_subcommand(
      "icu", "LOC entities from ICU's locale data: countries, world regions and time-zone "
             "cities, in English and Arabic, with spelling variants");
  add_common(icu_cmd, *icu, true);
  icu_cmd->callback([icu] { throw CLI::RuntimeError(run_icu(*icu)); });

  import->callback([import, shorthand] {
    if (import->get_subcommands().empty()) {
      if (shorthand->input.empty() || shorthand->output.empty())
        throw CLI::ValidationError(
            "alam gaz import: give tsv, pci-ids or icu, or FILE.tsv -o OUT (see --help)");
      throw CLI::RuntimeError(run_tsv(*shorthand));
    }
  });
}

}  // namespace alam::cli
