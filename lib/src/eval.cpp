#include "alam/eval.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "alam/utf8.hpp"

namespace alam {
namespace {

bool is_proclitic_letter(char32_t c) {
  return c == U'\u0648' || c == U'\u0641' || c == U'\u0628' || c == U'\u0643' || c == U'\u0644';
}

bool is_trailing_punct(char32_t c) {
  return c == U'.' || c == U',' || c == U'\u060C' || c == U'\u061B' || c == U';' || c == U':' ||
         c == U'!' || c == U'?' || c == U'\u061F' || c == U'"' || c == U'\'' || c == U')' ||
         c == U'\u201D' || c == U'\u2019' || c == U'\u00BB';
}

using Key = std::tuple<std::size_t, std::size_t, EntityType>;

void score(const std::vector<Key>& gold, const std::vector<Key>& pred,
           std::array<Counts, kEntityTypeCount>& per_type) {
  std::multiset<Key> g(gold.begin(), gold.end());
  for (const Key& k : pred) {
    auto& c = per_type[static_cast<int>(std::get<2>(k))];
    if (auto it = g.find(k); it != g.end()) {
      ++c.tp;
      g.erase(it);
    } else {
      ++c.fp;
    }
  }
  for (const Key& k : g) ++per_type[static_cast<int>(std::get<2>(k))].fn;
}

}  // namespace

Span lenient_span(std::string_view text, const Span& span) {
  Span s = span;
  auto first = [&]() { return utf8::decode(text, s.begin); };
  // Leading proclitic letters, while something remains.
  while (s.end > s.begin) {
    const auto d = first();
    if (!is_proclitic_letter(d.cp) || s.begin + d.size >= s.end) break;
    // Stop at the article's lam (ال): it is handled below.
    s.begin += d.size;
  }
  if (s.end > s.begin && first().cp == U'\u0640') s.begin += first().size;
  // A leading ال (or the ل left of it after a proclitic).
  std::string_view rest = text.substr(s.begin, s.end - s.begin);
  if (rest.starts_with("\u0627\u0644") && rest.size() > 4)
    s.begin += 4;
  // Trailing punctuation.
  while (s.end > s.begin) {
    std::size_t p = s.end - 1;
    while (p > s.begin && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
    if (!is_trailing_punct(utf8::decode(text, p).cp)) break;
    s.end = p;
  }
  return s;
}

EvalReport evaluate(const std::vector<Document>& gold, const std::vector<Document>& predicted) {
  EvalReport r;
  r.documents = std::min(gold.size(), predicted.size());
  for (std::size_t i = 0; i < r.documents; ++i) {
    std::vector<Key> gs, ps, gl, pl;
    for (const Span& s : gold[i].entities) {
      gs.emplace_back(s.begin, s.end, s.type);
      const Span l = lenient_span(gold[i].text, s);
      gl.emplace_back(l.begin, l.end, l.type);
    }
    for (const Span& s : predicted[i].entities) {
      ps.emplace_back(s.begin, s.end, s.type);
      const Span l = lenient_span(gold[i].text, s);
      pl.emplace_back(l.begin, l.end, l.type);
    }
    score(gs, ps, r.strict);
    score(gl, pl, r.lenient);
  }
  for (int t = 0; t < kEntityTypeCount; ++t) {
    r.strict_all += r.strict[t];
    r.lenient_all += r.lenient[t];
    if (is_core_type(static_cast<EntityType>(t))) {
      r.strict_core += r.strict[t];
      r.lenient_core += r.lenient[t];
    }
  }
  return r;
}

}  // namespace alam
