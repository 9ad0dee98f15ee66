// alam explain: for each span, every candidate that competed for its text and why the winner
// won (Tagger::explain).
#include <fmt/core.h>

#include "alam/utf8.hpp"
#include "common.hpp"

namespace alam::cli {
namespace {

struct ExplainOptions {
  std::vector<std::string> inputs;
  GazetteerOptions gazetteers;
};

int run_explain(const ExplainOptions& o) {
  auto gazetteer = o.gazetteers.load();
  if (!gazetteer) return kExitData;
  const Tagger tagger(gazetteer);
  const bool ok = for_each_line(o.inputs, [&](const std::string& src, std::size_t line_no,
                                              std::string& line) {
    const std::string text = utf8::sanitize(line);
    fmt::print("{}:{}  {}\n", src, line_no, text);
    const utf8::OffsetConverter conv(text);
    for (const Explanation& e : tagger.explain(text)) {
      auto slice = [&](const Span& s) { return text.substr(s.begin, s.end - s.begin); };
      fmt::print("  {} {:<7} \u2068{}\u2069  [{}, {})\n", e.tagged ? "span" : "none",
                 type_name(e.span.type), slice(e.span), conv.to_codepoint(e.span.begin),
                 conv.to_codepoint(e.span.end));
      for (const CandidateReport& c : e.candidates)
        fmt::print("    {} {:<7} \u2068{}\u2069  {}\n      evidence: {}\n", c.chosen ? "+" : "-",
                   type_name(c.span.type), slice(c.span), c.verdict, c.evidence);
    }
    return true;
  });
  return ok ? kExitOk : kExitIo;
}

}  // namespace

void register_explain(CLI::App& app) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Show, for each span, every candidate that competed for its text, the evidence "
                 "each had and why the winner won; one document per line");
  cmd->add_option("files", o->inputs, "input files ('-' or none: standard input)");
  o->gazetteers.add_to(*cmd);
  cmd->callback([o] { throw CLI::RuntimeError(run_explain(*o)); });
}

}  // namespace alam::cli
