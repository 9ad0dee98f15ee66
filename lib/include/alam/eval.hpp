// alam/eval.hpp — strict and lenient scoring of predicted spans against gold spans.
//
//   alam::EvalReport r = alam::evaluate(gold_docs, predicted_docs);
//   r.strict_core.f1();
//
// Definitions follow ../shared/eval/GUIDELINES.md ("Scoring"): strict needs the same start,
// end and type; lenient compares after both spans drop leading proclitic letters (و ف ب ك ل),
// a tatweel, a leading ال / ل of the article, and trailing punctuation. Micro-averaged.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "alam/jsonl.hpp"
#include "alam/span.hpp"

namespace alam {

struct Counts {
  std::size_t tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? double(tp) / double(tp + fp) : 0.0; }
  double recall() const { return tp + fn ? double(tp) / double(tp + fn) : 0.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  Counts& operator+=(const Counts& o) {
    tp += o.tp, fp += o.fp, fn += o.fn;
    return *this;
  }
};

struct EvalReport {
  std::array<Counts, kEntityTypeCount> strict{}, lenient{};  // indexed by EntityType
  Counts strict_core, lenient_core, strict_all, lenient_all;
  std::size_t documents = 0;
};

// The lenient form of a span of text: see the header comment.
Span lenient_span(std::string_view text, const Span& span);

// Scores predicted[i] against gold[i] (same texts). Only positions and types are compared.
EvalReport evaluate(const std::vector<Document>& gold, const std::vector<Document>& predicted);

}  // namespace alam
