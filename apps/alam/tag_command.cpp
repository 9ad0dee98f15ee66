// alam tag: reads documents (text lines or JSONL), writes JSONL or a human-readable view.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>

#include "alam/jsonl.hpp"
#include "alam/utf8.hpp"
#include "common.hpp"
#include "human_writer.hpp"

namespace alam::cli {
namespace {

struct TagOptions {
  std::vector<std::string> inputs;
  std::string input = "text";
  std::string format;  // default: human on a terminal, jsonl otherwise
  bool strict = false;
  bool keep_going = false;
  bool no_grammars = false;
  bool no_memory = false;
  GazetteerOptions gazetteers;
};

bool write_out(const std::string& s) {
  return std::fwrite(s.data(), 1, s.size(), stdout) == s.size();
}

int run_tag(const TagOptions& o) {
  auto gazetteer = o.gazetteers.load();
  if (!gazetteer) return kExitData;
  TaggerOptions topt;
  topt.grammars = !o.no_grammars;
  topt.document_memory = !o.no_memory;
  const Tagger tagger(gazetteer, topt);
  const bool terminal = isatty(fileno(stdout));
  const std::string format = o.format.empty() ? (terminal ? "human" : "jsonl") : o.format;
  HumanWriter human(terminal);

  int status = kExitOk;
  std::string out;
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
    if (format == "jsonl") {
      append_document_json(out, doc.id_json, doc.text, spans);
      out.push_back('\n');
    } else {
      human.write(out, src, line_no, doc.text, spans);
    }
    if (!write_out(out)) {
      fmt::print(stderr, "alam: error: writing the output failed\n");
      status = kExitIo;
      return false;
    }
    return true;
  });
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
                  "output format: jsonl or human (default: human on a terminal, else jsonl)")
      ->check(CLI::IsMember({"jsonl", "human"}));
  cmd->add_flag("--strict", o->strict, "treat invalid UTF-8 as an error instead of a warning");
  cmd->add_flag("--keep-going", o->keep_going,
                "after a bad input line, report it and go on with the next (exit status 1)");
  cmd->add_flag("--no-grammars", o->no_grammars, "gazetteer lookup only");
  cmd->add_flag("--no-memory", o->no_memory, "no document memory of family names");
  o->gazetteers.add_to(*cmd);
  cmd->callback([o] { throw CLI::RuntimeError(run_tag(*o)); });
}

}  // namespace alam::cli
