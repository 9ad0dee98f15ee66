// Fuzz target: the whole tagger (embedded gazetteers) on any bytes, with and without the
// grammars. Invariants: spans sorted, non-overlapping, in range, on UTF-8 boundaries, with
// output types; tag() deterministic, and tag(text, spans) into a reused vector the same;
// explain()'s spans in range, its tagged ones = tag().
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "alam/gazetteer.hpp"
#include "alam/tagger.hpp"
#include "invariants.hpp"

namespace {

std::shared_ptr<const alam::Gazetteer> embedded() {
  auto g = alam::Gazetteer::embedded();
  if (!g) alam::fuzz::fail("embedded gazetteer: " + g.status().message());
  return std::make_shared<const alam::Gazetteer>(std::move(*g));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > alam::fuzz::kMaxInput) return 0;
  static const auto gazetteer = embedded();
  static const alam::Tagger tagger(gazetteer);
  static const alam::Tagger gazetteer_only(gazetteer, [] {
    alam::TaggerOptions o;
    o.grammars = false;
    o.document_memory = false;
    return o;
  }());
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto spans = tagger.tag(text);
  alam::fuzz::check_spans(text, spans, true);
  alam::fuzz::check(tagger.tag(text) == spans, "tag() is not deterministic");
  // The reuse form, into a vector that still holds the previous input's spans.
  static std::vector<alam::Span> reused;
  tagger.tag(text, reused);
  alam::fuzz::check(reused == spans, "tag(text, spans) differs from tag(text)");
  alam::fuzz::check_spans(text, gazetteer_only.tag(text), true);

  if (size <= 4096) {  // explain() is slower; keep the target fast
    std::vector<alam::Span> explained;
    for (const alam::Explanation& e : tagger.explain(text)) {
      // An untagged explanation carries its strongest candidate, which may be a STOP entry.
      std::vector<alam::Span> one{e.span};
      alam::fuzz::check_spans(text, one, false, /*output_types=*/e.tagged);
      if (e.tagged) explained.push_back(e.span);
      for (const alam::CandidateReport& c : e.candidates) {
        std::vector<alam::Span> cand{c.span};
        alam::fuzz::check_spans(text, cand, false, /*output_types=*/false);
      }
    }
    // The tagged explanations are exactly the spans of tag().
    std::sort(explained.begin(), explained.end(),
              [](const alam::Span& a, const alam::Span& b) { return a.begin < b.begin; });
    alam::fuzz::check(explained.size() == spans.size(),
                      "explain() tags " + std::to_string(explained.size()) + " spans, tag() " +
                          std::to_string(spans.size()));
    for (std::size_t i = 0; i < spans.size(); ++i)
      alam::fuzz::check(explained[i].begin == spans[i].begin && explained[i].end == spans[i].end &&
                            explained[i].type == spans[i].type,
                        "explain() and tag() disagree: " + alam::fuzz::describe(explained[i]) +
                            " vs " + alam::fuzz::describe(spans[i]));
  }
  return 0;
}
