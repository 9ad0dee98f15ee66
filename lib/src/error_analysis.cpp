// Confusion matrix of types and missed/spurious span lists (alam/error_analysis.hpp).
#include "alam/error_analysis.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "alam/utf8.hpp"

namespace alam {
namespace {

// Rounds p up to a code point boundary of text (a bad byte is a code point of its own).
std::size_t boundary(std::string_view text, std::size_t p) {
  p = std::min(p, text.size());
  while (p < text.size() && p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) {
    std::size_t start = p;
    while (start > 0 && p - start < 3 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
      --start;
    const utf8::Decoded d = utf8::decode(text, start);
    if (!d.valid || start + d.size <= p) break;
    p = start + d.size;
  }
  return p;
}

}  // namespace

bool TypeConfusion::used(EntityType type) const {
  const int t = static_cast<int>(type);
  for (int i = 0; i <= kNone; ++i)
    if (cells[t][i] || cells[i][t]) return true;
  return false;
}

TypeConfusion type_confusion(const std::vector<Document>& gold,
                             const std::vector<Document>& predicted) {
  TypeConfusion c;
  const std::size_t n = std::min(gold.size(), predicted.size());
  for (std::size_t i = 0; i < n; ++i) {
    // Boundaries -> types; several spans may share boundaries (pair them in order).
    std::multimap<std::pair<std::size_t, std::size_t>, EntityType> p;
    for (const Span& s : predicted[i].entities)
      if (s.type != EntityType::kStop) p.emplace(std::pair(s.begin, s.end), s.type);
    for (const Span& s : gold[i].entities) {
      if (s.type == EntityType::kStop) continue;
      const int g = static_cast<int>(s.type);
      // Prefer a predicted span of the same type at these boundaries.
      auto [lo, hi] = p.equal_range(std::pair(s.begin, s.end));
      auto hit = std::find_if(lo, hi, [&](const auto& kv) { return kv.second == s.type; });
      if (hit == hi) hit = lo;
      if (hit == hi) {
        ++c.cells[g][TypeConfusion::kNone];
      } else {
        ++c.cells[g][static_cast<int>(hit->second)];
        p.erase(hit);
      }
    }
    for (const auto& [where, t] : p) ++c.cells[TypeConfusion::kNone][static_cast<int>(t)];
  }
  return c;
}

std::vector<SpanError> span_errors(const std::vector<Document>& gold,
                                   const std::vector<Document>& predicted,
                                   std::size_t context) {
  std::vector<SpanError> errors;
  auto key = [](const Span& s) { return std::tuple(s.begin, s.end, s.type); };
  const std::size_t n = std::min(gold.size(), predicted.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view text = gold[i].text;
    std::set<std::tuple<std::size_t, std::size_t, EntityType>> g, p;
    for (const Span& s : gold[i].entities) g.insert(key(s));
    for (const Span& s : predicted[i].entities) p.insert(key(s));
    auto add = [&](SpanError::Kind kind, const Span& s) {
      SpanError e;
      e.kind = kind;
      e.document = i;
      e.span = s;
      const std::size_t b = boundary(text, s.begin), z = boundary(text, std::max(s.begin, s.end));
      e.span.begin = b;
      e.span.end = z;
      const std::size_t from = boundary(text, b > context ? b - context : 0);
      const std::size_t to = boundary(text, z + context);
      e.text = utf8::sanitize(text.substr(b, z - b));
      e.before = utf8::sanitize(text.substr(from, b - from));
      e.after = utf8::sanitize(text.substr(z, to - z));
      errors.push_back(std::move(e));
    };
    std::vector<const Span*> missed, spurious;
    for (const Span& s : gold[i].entities)
      if (!p.count(key(s))) missed.push_back(&s);
    for (const Span& s : predicted[i].entities)
      if (!g.count(key(s))) spurious.push_back(&s);
    auto by_begin = [](const Span* a, const Span* b) { return a->begin < b->begin; };
    std::stable_sort(missed.begin(), missed.end(), by_begin);
    std::stable_sort(spurious.begin(), spurious.end(), by_begin);
    for (const Span* s : missed) add(SpanError::Kind::kMissed, *s);
    for (const Span* s : spurious) add(SpanError::Kind::kSpurious, *s);
  }
  return errors;
}

}  // namespace alam
