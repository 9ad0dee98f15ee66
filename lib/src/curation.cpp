#include "alam/curation.hpp"

#include <algorithm>

#include "alam/utf8.hpp"

namespace alam {

std::vector<SpanChange> diff_spans(const std::vector<Span>& before, const std::vector<Span>& after) {
  std::vector<SpanChange> out;
  std::size_t i = 0, j = 0;
  bool before_seen = false, after_seen = false;  // the current span was already reported
  auto overlap = [](const Span& a, const Span& b) { return a.begin < b.end && b.begin < a.end; };
  while (i < before.size() || j < after.size()) {
    if (j == after.size() || (i < before.size() && before[i].end <= after[j].begin)) {
      if (!before_seen) out.push_back({SpanChange::Kind::kVanished, before[i], {}});
      ++i, before_seen = false;
    } else if (i == before.size() || after[j].end <= before[i].begin) {
      if (!after_seen) out.push_back({SpanChange::Kind::kAppeared, {}, after[j]});
      ++j, after_seen = false;
    } else if (overlap(before[i], after[j])) {
      const Span& b = before[i];
      const Span& a = after[j];
      if (b.begin == a.begin && b.end == a.end) {
        if (b.type != a.type) out.push_back({SpanChange::Kind::kRetyped, b, a});
      } else if (b.type == a.type && !before_seen && !after_seen) {
        out.push_back({SpanChange::Kind::kMoved, b, a});
      } else {
        if (!before_seen) out.push_back({SpanChange::Kind::kVanished, b, {}});
        if (!after_seen) out.push_back({SpanChange::Kind::kAppeared, {}, a});
      }
      // Advance the one that ends first (both when they end together); the other one has
      // been reported.
      const std::size_t be = b.end, ae = a.end;
      before_seen = after_seen = true;
      if (be <= ae) ++i, before_seen = false;
      if (ae <= be) ++j, after_seen = false;
    }
  }
  return out;
}

void SuggestionCollector::add(std::string_view text, const std::vector<Span>& spans) {
  for (const Span& s : spans) {
    if (!s.source.starts_with("rule:")) continue;
    if (s.type != EntityType::kOrg && s.type != EntityType::kPerson &&
        s.type != EntityType::kChip && s.type != EntityType::kProduct)
      continue;
    const std::string surface = utf8::sanitize(text.substr(s.begin, s.end - s.begin));
    Suggestion& sug = seen_[{surface, s.type}];
    if (sug.count == 0) {
      sug.text = surface;
      sug.type = s.type;
      sug.rule = s.source.substr(5);
    }
    ++sug.count;
    if (sug.examples.size() < 3) {
      // About 40 bytes either side, on code point boundaries.
      auto boundary = [&](std::size_t p) {
        while (p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) ++p;
        return std::min(p, text.size());
      };
      const std::size_t a = boundary(s.begin > 40 ? s.begin - 40 : 0);
      const std::size_t z = boundary(std::min(text.size(), s.end + 40));
      sug.examples.push_back(utf8::sanitize(text.substr(a, z - a)));
    }
  }
}

std::vector<Suggestion> SuggestionCollector::ranked(std::size_t min_count) const {
  std::vector<Suggestion> out;
  for (const auto& [key, s] : seen_)
    if (s.count >= min_count) out.push_back(s);
  std::stable_sort(out.begin(), out.end(),
                   [](const Suggestion& a, const Suggestion& b) { return a.count > b.count; });
  return out;
}

}  // namespace alam
