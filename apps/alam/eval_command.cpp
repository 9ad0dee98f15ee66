// alam eval: scores the tagger (or a predictions file) against gold in JSONL, CoNLL or brat.
#include <fmt/core.h>

#include <iostream>
#include <iterator>

#include "alam/error_analysis.hpp"
#include "alam/eval.hpp"
#include "alam/formats.hpp"
#include "alam/jsonl.hpp"
#include "common.hpp"

namespace alam::cli {
namespace {

struct EvalOptions {
  std::string gold;
  std::string pred;
  std::string gold_format;  // empty: detect
  std::string pred_format;
  std::string offsets = "codepoint";
  bool json = false;
  bool errors = false;
  GazetteerOptions gazetteers;
};

int exit_code_of(const Status& s) {
  return s.code() == StatusCode::kNotFound || s.code() == StatusCode::kIoError ? kExitIo
                                                                                : kExitBadInput;
}

// Reads documents from a path ("-": standard input, JSONL or CoNLL); prints the error.
bool read_documents(const std::string& path, const std::string& format_name, OffsetUnit offsets,
                    std::vector<Document>& docs, int& code) {
  std::optional<DocumentFormat> format;
  if (!format_name.empty()) format = parse_document_format(format_name);
  Result<std::vector<Document>> r = std::vector<Document>{};
  if (path == "-") {
    const std::string content((std::istreambuf_iterator<char>(std::cin)),
                              std::istreambuf_iterator<char>());
    r = parse_documents("<stdin>", content, format.value_or(detect_content_format(content)));
  } else {
    ReadOptions ro;
    ro.brat_offsets = offsets;
    r = load_documents(path, format, ro);
  }
  if (!r) {
    fmt::print(stderr, "alam: error: {}\n", r.status().message());
    code = exit_code_of(r.status());
    return false;
  }
  docs = std::move(r).value();
  return true;
}

std::string row_json(const Counts& c) {
  return fmt::format(R"({{"tp":{},"fp":{},"fn":{},"precision":{:.4f},"recall":{:.4f},"f1":{:.4f}}})",
                     c.tp, c.fp, c.fn, c.precision(), c.recall(), c.f1());
}

void print_table(const EvalReport& r) {
  fmt::print("{:<9} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}\n", "type", "gold",
             "pred", "P", "R", "F1", "len.P", "len.R", "len.F1");
  auto row = [](std::string_view name, const Counts& s, const Counts& l) {
    fmt::print("{:<9} {:>6} {:>6} | {:>6.3f} {:>6.3f} {:>6.3f} | {:>6.3f} {:>6.3f} {:>6.3f}\n",
               name, s.tp + s.fn, s.tp + s.fp, s.precision(), s.recall(), s.f1(),
               l.precision(), l.recall(), l.f1());
  };
  for (int t = 0; t < kEntityTypeCount; ++t) {
    const Counts& s = r.strict[t];
    if (s.tp + s.fp + s.fn == 0) continue;
    row(type_name(static_cast<EntityType>(t)), s, r.lenient[t]);
  }
  fmt::print("{}\n", std::string(72, '-'));
  row("core", r.strict_core, r.lenient_core);
  row("all", r.strict_all, r.lenient_all);
  fmt::print("strict core F1 {:.3f}, strict all F1 {:.3f} over {} documents\n",
             r.strict_core.f1(), r.strict_all.f1(), r.documents);
}

void print_confusion(const TypeConfusion& c) {
  std::vector<int> used;
  for (int t = 0; t < kEntityTypeCount; ++t)
    if (c.used(static_cast<EntityType>(t))) used.push_back(t);
  fmt::print("\nconfusion of types (rows: gold, columns: predicted, spans with the same "
             "boundaries)\n");
  fmt::print("{:<10}", "gold\\pred");
  for (int t : used) fmt::print(" {:>8}", type_name(static_cast<EntityType>(t)));
  fmt::print(" {:>8}\n", "missed");
  for (int g : used) {
    fmt::print("{:<10}", type_name(static_cast<EntityType>(g)));
    for (int p : used) fmt::print(" {:>8}", c.cells[g][p]);
    fmt::print(" {:>8}\n", c.cells[g][TypeConfusion::kNone]);
  }
  fmt::print("{:<10}", "spurious");
  for (int p : used) fmt::print(" {:>8}", c.cells[TypeConfusion::kNone][p]);
  fmt::print(" {:>8}\n", "");
}

std::string confusion_json(const TypeConfusion& c) {
  auto label = [](int i) {
    return i == TypeConfusion::kNone ? std::string("none")
                                     : std::string(type_name(static_cast<EntityType>(i)));
  };
  std::string out = "{";
  for (int g = 0; g <= TypeConfusion::kNone; ++g) {
    if (g) out += ',';
    out += fmt::format("\"{}\":{{", label(g));
    for (int p = 0; p <= TypeConfusion::kNone; ++p)
      out += fmt::format("{}\"{}\":{}", p ? "," : "", label(p), c.cells[g][p]);
    out += '}';
  }
  return out + "}";
}

void print_errors(const std::vector<Document>& gold, const std::vector<Document>& pred) {
  for (const SpanError& e : span_errors(gold, pred, 40)) {
    const Document& d = gold[e.document];
    const std::string id = d.id_json.empty() ? "#" + std::to_string(e.document + 1) : d.id_json;
    fmt::print("{} {} {:<7} \u2068{}\u2069   …{}[[{}]]{}…\n", id,
               e.kind == SpanError::Kind::kMissed ? "missed  " : "spurious",
               type_name(e.span.type), e.text, e.before, e.text, e.after);
  }
}

int run_eval(const EvalOptions& o) {
  const OffsetUnit offsets = parse_offset_unit(o.offsets).value_or(OffsetUnit::kCodepoint);
  std::vector<Document> gold, pred;
  int code = kExitOk;
  if (o.gold == "-" && o.pred == "-") {
    fmt::print(stderr, "alam: error: gold and predictions cannot both be standard input\n");
    return kExitUsage;
  }
  if (!read_documents(o.gold, o.gold_format, offsets, gold, code)) return code;
  if (!o.pred.empty()) {
    if (!read_documents(o.pred, o.pred_format, offsets, pred, code)) return code;
    const std::string gold_name = o.gold == "-" ? "<stdin>" : o.gold;
    const std::string pred_name = o.pred == "-" ? "<stdin>" : o.pred;
    if (Status s = pair_documents(gold, pred, gold_name, pred_name); !s) {
      fmt::print(stderr, "alam: error: {}\n", s.message());
      return kExitBadInput;
    }
  } else {
    auto gazetteer = o.gazetteers.load();
    if (!gazetteer) return kExitData;
    const Tagger tagger(gazetteer);
    for (const Document& g : gold) pred.push_back({g.id_json, g.text, tagger.tag(g.text)});
  }
  const EvalReport r = evaluate(gold, pred);
  const TypeConfusion confusion = type_confusion(gold, pred);
  if (o.errors) print_errors(gold, pred);
  if (o.json) {
    std::string types;
    for (int t = 0; t < kEntityTypeCount; ++t) {
      if (!types.empty()) types += ',';
      types += fmt::format(R"("{}":{{"strict":{},"lenient":{}}})",
                           type_name(static_cast<EntityType>(t)), row_json(r.strict[t]),
                           row_json(r.lenient[t]));
    }
    fmt::print(R"({{"documents":{},"types":{{{}}},"core":{{"strict":{},"lenient":{}}},"all":{{"strict":{},"lenient":{}}},"confusion":{}}})"
               "\n",
               r.documents, types, row_json(r.strict_core), row_json(r.lenient_core),
               row_json(r.strict_all), row_json(r.lenient_all), confusion_json(confusion));
  } else {
    print_table(r);
    print_confusion(confusion);
  }
  return kExitOk;
}

}  // namespace

void register_eval(CLI::App& app) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Score against gold (../shared/eval/GUIDELINES.md) in JSONL, CoNLL or brat: "
              "strict and lenient precision, recall and F1 per type, and a confusion matrix");
  cmd->add_option("gold", o->gold,
                  "gold file (JSONL, CoNLL), brat folder or .ann file; '-': standard input")
      ->required();
  cmd->add_option("--pred", o->pred,
                  "predictions in any of the gold formats; default: tag the gold texts");
  cmd->add_option("--gold-format", o->gold_format,
                  "jsonl, conll or brat (default: from the extension, else the content)")
      ->check(CLI::IsMember({"jsonl", "conll", "brat"}));
  cmd->add_option("--pred-format", o->pred_format, "jsonl, conll or brat (default: detected)")
      ->check(CLI::IsMember({"jsonl", "conll", "brat"}));
  cmd->add_option("--offsets", o->offsets,
                  "what brat offsets count: codepoint (brat's own), utf16 or byte")
      ->check(CLI::IsMember({"codepoint", "utf16", "byte"}))
      ->capture_default_str();
  cmd->add_flag("--json", o->json, "print the scores as one JSON object");
  cmd->add_flag("--errors", o->errors, "list missed and spurious spans with context");
  o->gazetteers.add_to(*cmd);
  cmd->callback([o] { throw CLI::RuntimeError(run_eval(*o)); });
}

}  // namespace alam::cli
