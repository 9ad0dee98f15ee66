// alam/tagger.hpp — tags entities in UTF-8 text.
//
//   auto gaz = std::make_shared<const alam::Gazetteer>(alam::Gazetteer::embedded().value());
//   alam::Tagger tagger(gaz);
//   for (const alam::Span& s : tagger.tag("قالت إنفيديا إن رقائق A800 وH800 ..."))
//     ...;  // ORG إنفيديا, CHIP A800, CHIP H800 — byte offsets into the input
//
// Pipeline (docs/architecture.md): normalize → tokenize → gazetteer lookup with proclitic
// splits → grammars → overlap resolution → document memory → spans.
// Thread-safety: a Tagger is immutable; tag() is const and may run on many threads at once,
// sharing one Gazetteer. tag() cannot fail: ill-formed UTF-8 is read as U+FFFD per bad byte and
// offsets still index the original bytes.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/span.hpp"

namespace alam {

struct TaggerOptions {
  bool grammars = true;         // run the grammars (chip models, ...), not only the gazetteer
  bool document_memory = true;  // a family name seen in a full PERSON name is tagged alone later
  int evidence_window = 8;      // tokens either side searched for evidence of weak chip codes
};

// One candidate that competed for some text, for Tagger::explain.
struct CandidateReport {
  Span span;              // the candidate as a span (byte offsets, canonical, source)
  std::string evidence;   // what supports it: gazetteer entry and file:line, rule, cue word, …
  std::string verdict;    // "chosen (…)" or why it lost
  bool chosen = false;
};

// The candidates that competed for one stretch of text. `tagged` is true when `span` is an
// output span; false when no span came out of that text (a stop entry won, or a weak chip
// code had no evidence), and `span` is then the strongest candidate.
struct Explanation {
  Span span;
  bool tagged = true;
  std::vector<CandidateReport> candidates;  // the chosen one first
};

class Tagger {
 public:
  explicit Tagger(std::shared_ptr<const Gazetteer> gazetteer, TaggerOptions options = {});
  ~Tagger();
  Tagger(Tagger&&) noexcept;
  Tagger& operator=(Tagger&&) noexcept;

  // Spans sorted by begin, never overlapping, with byte offsets into utf8.
  std::vector<Span> tag(std::string_view utf8) const;
  // The same spans, written into `spans` (what it held is replaced). The storage of its
  // strings is reused, so a caller that tags document after document into one vector allocates
  // almost nothing per span (the canonical names and sources of most spans are longer than a
  // std::string holds without the heap). Thread-safe like tag().
  void tag(std::string_view utf8, std::vector<Span>& spans) const;

  // The same spans with every candidate that competed for their tokens and why the winner
  // won (docs/architecture.md, "Resolution"), followed by text where candidates produced no
  // span. Slower than tag(); for people and debugging. Thread-safe like tag().
  std::vector<Explanation> explain(std::string_view utf8) const;

  const Gazetteer& gazetteer() const { return *gazetteer_; }
  const TaggerOptions& options() const { return options_; }

 private:
  std::shared_ptr<const Gazetteer> gazetteer_;
  TaggerOptions options_;
  std::uint64_t serial_;  // tells this Tagger's entries in the per-thread word cache apart
};

}  // namespace alam
