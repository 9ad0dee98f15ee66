// alam/curation.hpp — tools that help curators see the effect of gazetteer edits and find
// missing entities (alam gaz diff, alam gaz suggest).
//
//   auto changes = alam::diff_spans(old_tagger.tag(text), new_tagger.tag(text));
//   alam::SuggestionCollector c;  c.add(text, tagger.tag(text));  auto top = c.ranked(2);
//
// Pure functions and a plain collector; not thread-safe to share one collector while adding.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "alam/span.hpp"

namespace alam {

struct SpanChange {
  enum class Kind { kAppeared, kVanished, kRetyped, kMoved };
  Kind kind;
  Span before;  // kVanished, kRetyped, kMoved
  Span after;   // kAppeared, kRetyped, kMoved
};

// How the spans of one text differ between two taggings: spans only in `after` appeared, only
// in `before` vanished; the same range with another type is retyped; an overlapping span of the
// same type with other boundaries moved. Both inputs sorted and non-overlapping, as tag() gives.
std::vector<SpanChange> diff_spans(const std::vector<Span>& before, const std::vector<Span>& after);

// A candidate entity for the gazetteer: text that grammars found but no gazetteer lists.
struct Suggestion {
  std::string text;                   // as written (the most frequent surface)
  EntityType type = EntityType::kOrg;
  std::string rule;                   // the grammar rule that found it most often
  std::size_t count = 0;
  std::vector<std::string> examples;  // up to three contexts
};

class SuggestionCollector {
 public:
  // Records the grammar-found ORG, PERSON, CHIP and PRODUCT spans of one text (sources
  // "rule:…"); gazetteer and memory spans are already known.
  void add(std::string_view text, const std::vector<Span>& spans);
  // Suggestions seen at least min_count times, most frequent first.
  std::vector<Suggestion> ranked(std::size_t min_count = 1) const;

 private:
  std::map<std::pair<std::string, EntityType>, Suggestion> seen_;
};

}  // namespace alam
