// alam eval: scores the tagger (or a predictions file) against gold JSONL.
#include <fmt/core.h>

#include <set>

#include "alam/eval.hpp"
#include "alam/jsonl.hpp"
#include "alam/utf8.hpp"
#include "common.hpp"

namespace alam::cli {
namespace {

struct EvalOptions {
  std::string gold;
  std::string pred;
  bool json = false;
  bool errors = false;
  GazetteerOptions gazetteers;
};

bool read_documents(const std::string& path, std::vector<Document>& docs) {
  bool good = true;
  const bool opened = for_each_line({path}, [&](const std::string& src, std::size_t line_no,
                                                std::string& line) {
    if (line.find_first_not_of(" \t") == std::string::npos) return true;
    auto doc = parse_document(line, true);
    if (!doc) {
      fmt::print(stderr, "alam: error: {}:{}: {}\n", src, line_no, doc.status().message());
      good = false;
      return false;
    }
    docs.push_back(std::move(doc).value());
    return true;
  });
  return opened && good;
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

void print_errors(const std::vector<Document>& gold, const std::vector<Document>& pred) {
  auto key = [](const Span& s) { return std::tuple(s.begin, s.end, s.type); };
  for (std::size_t i = 0; i < gold.size() && i < pred.size(); ++i) {
    const std::string& text = gold[i].text;
    std::set<std::tuple<std::size_t, std::size_t, EntityType>> g, p;
    for (const Span& s : gold[i].entities) g.insert(key(s));
    for (const Span& s : pred[i].entities) p.insert(key(s));
    auto show = [&](const char* what, const Span& s) {
      // About 40 bytes of context either side, cut on code point boundaries.
      auto boundary = [&](std::size_t p) {
        while (p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) ++p;
        return std::min(p, text.size());
      };
      const std::size_t a = boundary(s.begin > 40 ? s.begin - 40 : 0);
      const std::size_t z = boundary(std::min(text.size(), s.end + 40));
      std::string before = utf8::sanitize(text.substr(a, s.begin - a));
      std::string after = utf8::sanitize(text.substr(s.end, z - s.end));
      const std::string name = utf8::sanitize(text.substr(s.begin, s.end - s.begin));
      const std::string id =
          gold[i].id_json.empty() ? "#" + std::to_string(i + 1) : gold[i].id_json;
      fmt::print("{} {} {:<7} \u2068{}\u2069   …{}[[{}]]{}…\n", id, what, type_name(s.type), name,
                 before, name, after);
    };
    for (const Span& s : gold[i].entities)
      if (!p.count(key(s))) show("missed  ", s);
    for (const Span& s : pred[i].entities)
      if (!g.count(key(s))) show("spurious", s);
  }
}

int run_eval(const EvalOptions& o) {
  std::vector<Document> gold, pred;
  if (!read_documents(o.gold, gold)) return kExitBadInput;
  if (!o.pred.empty()) {
    if (!read_documents(o.pred, pred)) return kExitBadInput;
    if (pred.size() != gold.size()) {
      fmt::print(stderr, "alam: error: {} has {} documents but {} has {}\n", o.pred, pred.size(),
                 o.gold, gold.size());
      return kExitBadInput;
    }
    for (std::size_t i = 0; i < gold.size(); ++i)
      if (pred[i].text != gold[i].text) {
        fmt::print(stderr, "alam: error: document {} differs in text between {} and {}\n", i + 1,
                   o.gold, o.pred);
        return kExitBadInput;
      }
  } else {
    auto gazetteer = o.gazetteers.load();
    if (!gazetteer) return kExitData;
    const Tagger tagger(gazetteer);
    for (const Document& g : gold) pred.push_back({g.id_json, g.text, tagger.tag(g.text)});
  }
  const EvalReport r = evaluate(gold, pred);
  if (o.errors) print_errors(gold, pred);
  if (o.json) {
    std::string types;
    for (int t = 0; t < kEntityTypeCount; ++t) {
      if (!types.empty()) types += ',';
      types += fmt::format(R"("{}":{{"strict":{},"lenient":{}}})",
                           type_name(static_cast<EntityType>(t)), row_json(r.strict[t]),
                           row_json(r.lenient[t]));
    }
    fmt::print(R"({{"documents":{},"types":{{{}}},"core":{{"strict":{},"lenient":{}}},"all":{{"strict":{},"lenient":{}}}}})"
               "\n",
               r.documents, types, row_json(r.strict_core), row_json(r.lenient_core),
               row_json(r.strict_all), row_json(r.lenient_all));
  } else {
    print_table(r);
  }
  return kExitOk;
}

}  // namespace

void register_eval(CLI::App& app) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Score against gold JSONL (../shared/eval/GUIDELINES.md): strict and lenient "
              "precision, recall and F1 per type, for the core types and for all");
  cmd->add_option("gold", o->gold, "gold JSONL file")->required();
  cmd->add_option("--pred", o->pred,
                  "predictions JSONL (same texts, same order); default: tag the gold texts");
  cmd->add_flag("--json", o->json, "print the scores as one JSON object");
  cmd->add_flag("--errors", o->errors, "list missed and spurious spans with context");
  o->gazetteers.add_to(*cmd);
  cmd->callback([o] { throw CLI::RuntimeError(run_eval(*o)); });
}

}  // namespace alam::cli
