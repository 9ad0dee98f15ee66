// alam tag: reads documents (text lines or JSONL), writes them in an output format of
// alam/writer.hpp (jsonl, conll, brat, xml, html, human).
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "alam/formats.hpp"
#include "alam/jsonl.hpp"
#include "alam/utf8.hpp"
#include "alam/writer.hpp"
#include "common.hpp"

namespace alam::cli {
namespace {

struct TagOptions {
  std::vector<std::string> inputs;
  std::string input = "text";
  std::string format;  // default: human on a terminal, jsonl otherwise
  std::string offsets = "codepoint";
  bool offsets_given = false;
  bool segment = false;
  std::string output_dir;
  std::string title;
  bool strict = false;
  bool keep_going = false;
  bool no_grammars = false;
  bool no_memory = false;
  GazetteerOptions gazetteers;
};

bool write_out(const std::string& s) {
  return std::fwrite(s.data(), 1, s.size(), stdout) == s.size();
}

// Writes the stream part to standard output and the files into the output folder.
bool flush(const WriterOutput& out, const std::filesystem::path& dir) {
  if (!write_out(out.stream)) {
    fmt::print(stderr, "alam: error: writing the output failed\n");
    return false;
  }
  for (const OutputFile& f : out.files) {
    const std::filesystem::path path = dir / f.name;
    std::error_code ec;
    if (!f.replace && std::filesystem::exists(path, ec)) continue;
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(f.content.data(), std::streamsize(f.content.size()));
    file.close();
    if (!file) {
      fmt::print(stderr, "alam: error: {}: cannot write\n", path.string());
      return false;
    }
  }
  return true;
}

int run_tag(const TagOptions& o) {
  const bool terminal = isatty(fileno(stdout));
  const std::string format = o.format.empty() ? (terminal ? "human" : "jsonl") : o.format;
  WriterOptions wopt;
  wopt.offsets = parse_offset_unit(o.offsets).value_or(OffsetUnit::kCodepoint);
  wopt.segment = o.segment;
  wopt.colour = terminal && format == "human";
  if (!o.title.empty()) wopt.title = o.title;
  auto made = make_writer(format, wopt);
  if (!made) {
    fmt::print(stderr, "alam: error: {}\n", made.status().message());
    return kExitUsage;
  }
  Writer& writer = **made;
  if (o.segment && format != "conll") {
    fmt::print(stderr, "alam: error: --segment is for --format conll only\n");
    return kExitUsage;
  }
  if (o.offsets_given && format != "jsonl" && format != "brat" && format != "human") {
    fmt::print(stderr, "alam: error: --offsets is for --format jsonl, brat and human only\n");
    return kExitUsage;
  }
  if (writer.writes_files() != !o.output_dir.empty()) {
    if (writer.writes_files())
      fmt::print(stderr, "alam: error: --format {} writes files: give --output-dir DIR\n", format);
    else
      fmt::print(stderr, "alam: error: --output-dir is for --format brat only (not {})\n", format);
    return kExitUsage;
  }
  const std::filesystem::path dir = o.output_dir;
  if (!dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
      fmt::print(stderr, "alam: error: {}: cannot create the output folder\n", o.output_dir);
      return kExitIo;
    }
  }

  auto gazetteer = o.gazetteers.load();
  if (!gazetteer) return kExitData;
  TaggerOptions topt;
  topt.grammars = !o.no_grammars;
  topt.document_memory = !o.no_memory;
  const Tagger tagger(gazetteer, topt);

  int status = kExitOk;
  bool io_failed = false;
  WriterOutput out;
  writer.begin(out);
  if (!flush(out, dir)) return kExitIo;
  const bool jsonl_in = o.input == "jsonl";
  const bool ok = for_each_line(o.inputs, [&](const std::string& src, std::size_t line_no,
                                              std::string& line) {
    Document doc;
    if (jsonl_in) {
      if (line.find_first_not_of(" \t") == std::string::npos) return true;  // blank line
      auto parsed = parse_document(line, false);
      if (!parsed) {
        fmt::print(stderr, "alam: error: {}:{}: {}\n", src, line_no, parsed.status().message());
        status = kExitBadInput;
        return o.keep_going;
      }
      doc = std::move(parsed).value();
    } else {
      doc.text = std::move(line);
    }
    if (std::size_t bad = utf8::first_invalid(doc.text); bad != std::string::npos) {
      fmt::print(stderr, "alam: {}: {}:{}: invalid UTF-8 at byte offset {}{}\n",
                 o.strict ? "error" : "warning", src, line_no, bad,
                 o.strict ? "" : " (read as U+FFFD)");
      if (o.strict) {
        status = kExitBadInput;
        return o.keep_going;
      }
    }
    const std::vector<Span> spans = tagger.tag(doc.text);
    out.clear();
    writer.document({doc.id_json, doc.text, spans, src, line_no}, out);
    if (!flush(out, dir)) {
      io_failed = true;
      return false;
    }
    return true;
  });
  if (io_failed) return kExitIo;
  // The end (HTML summary, XML root end, brat configuration) is written even after bad input,
  // so that the output is complete.
  out.clear();
  writer.end(out);
  if (!flush(out, dir)) return kExitIo;
  if (std::fflush(stdout) != 0 && status == kExitOk) {
    fmt::print(stderr, "alam: error: writing the output failed\n");
    return kExitIo;
  }
  if (!ok) return kExitIo;
  return status;
}

}  // namespace

void register_tag(CLI::App& app) {
  auto o = std::make_shared<TagOptions>();
  CLI::App* cmd = app.add_subcommand("tag", "Tag entities in text; one document per line");
  cmd->add_option("files", o->inputs, "input files ('-' or none: standard input)");
  cmd->add_option("--input", o->input, "input format: text (each line is a document) or jsonl "
                                       "(objects with \"text\" and optional \"id\")")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("--format", o->format,
                  "output format: jsonl, conll, brat, xml, html or human (default: human on a "
                  "terminal, else jsonl); see docs/output-formats.md")
      ->check(CLI::IsMember({"jsonl", "conll", "brat", "xml", "html", "human"}));
  cmd->add_option("--offsets", o->offsets,
                  "unit of offsets for jsonl start/end, brat and human: codepoint, utf16 "
                  "(JavaScript, Java) or byte")
      ->check(CLI::IsMember({"codepoint", "utf16", "byte"}))
      ->capture_default_str()
      ->each([o](const std::string&) { o->offsets_given = true; });
  cmd->add_flag("--segment", o->segment,
                "conll: also cut tokens at entity boundaries, so that proclitics and punctuation "
                "glued to a name are tokens of their own (exact round trip)");
  cmd->add_option("--output-dir", o->output_dir,
                  "brat: folder for NAME.txt and NAME.ann per document (created if needed)");
  cmd->add_option("--title", o->title, "html: the page title (default: alam)");
  cmd->add_flag("--strict", o->strict, "treat invalid UTF-8 as an error instead of a warning");
  cmd->add_flag("--keep-going", o->keep_going,
                "after a bad input line, report it and go on with the next (exit status 1)");
  cmd->add_flag("--no-grammars", o->no_grammars, "gazetteer lookup only");
  cmd->add_flag("--no-memory", o->no_memory, "no document memory of family names");
  o->gazetteers.add_to(*cmd);
  cmd->callback([o] { throw CLI::RuntimeError(run_tag(*o)); });
}

}  // namespace alam::cli
