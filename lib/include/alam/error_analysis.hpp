// alam/error_analysis.hpp — where predictions and gold disagree: a confusion matrix of types
// and the missed and spurious spans with their context.
//
//   alam::TypeConfusion c = alam::type_confusion(gold_docs, pred_docs);
//   c.at(alam::EntityType::kOrg, alam::EntityType::kPerson);   // gold ORG predicted PERSON
//   c.missed(alam::EntityType::kOrg);                          // gold ORG, no span there
//   for (const alam::SpanError& e : alam::span_errors(gold_docs, pred_docs, 40)) ...
//
// Both compare gold[i] with predicted[i] (same texts: see pair_documents in alam/formats.hpp),
// strictly: by byte offsets. Thread-safe free functions; documents missing on one side are
// ignored, and spans outside the text are clipped, never a crash.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "alam/jsonl.hpp"
#include "alam/span.hpp"

namespace alam {

// Counts over span boundaries. A gold span and a predicted span with the same begin and end
// are a pair (the cell [gold type][predicted type]; the diagonal is strict true positives); a
// gold span with no predicted span at its boundaries is missed (column kNone), a predicted span
// with no gold span at its boundaries is spurious (row kNone).
struct TypeConfusion {
  static constexpr int kNone = kEntityTypeCount;  // the "no span" row and column
  std::array<std::array<std::size_t, kEntityTypeCount + 1>, kEntityTypeCount + 1> cells{};

  std::size_t at(EntityType gold, EntityType predicted) const {
    return cells[static_cast<int>(gold)][static_cast<int>(predicted)];
  }
  std::size_t missed(EntityType gold) const { return cells[static_cast<int>(gold)][kNone]; }
  std::size_t spurious(EntityType predicted) const {
    return cells[kNone][static_cast<int>(predicted)];
  }
  // True when the type occurs in a row or column (for printing only the types in use).
  bool used(EntityType type) const;
};

TypeConfusion type_confusion(const std::vector<Document>& gold,
                             const std::vector<Document>& predicted);

// A strict error: a gold span without an identical predicted span (missed), or the reverse.
struct SpanError {
  enum class Kind { kMissed, kSpurious } kind = Kind::kMissed;
  std::size_t document = 0;  // index into the documents
  Span span;                 // byte offsets into the gold text
  std::string text;          // the span's text (valid UTF-8)
  std::string before;        // up to `context` bytes before it, cut at code point boundaries
  std::string after;         // up to `context` bytes after it
};

// Missed spans of each document first, then its spurious ones, in text order.
std::vector<SpanError> span_errors(const std::vector<Document>& gold,
                                   const std::vector<Document>& predicted,
                                   std::size_t context = 40);

}  // namespace alam
