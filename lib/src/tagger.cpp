// The tagging pipeline: normalize → tokenize → gazetteer lookup → grammars → resolution →
// document memory → spans in original byte offsets.
#include "alam/tagger.hpp"

#include <algorithm>
#include <unordered_map>

#include "alam/normalizer.hpp"
#include "alam/tokenizer.hpp"
#include "clitics.hpp"
#include "gazetteer_index.hpp"
#include "grammar/chip.hpp"
#include "grammar/numeric.hpp"
#include "resolver.hpp"

namespace alam {
namespace {

using Index = Gazetteer::Index;

// Per-call state of one tag() run.
class Run {
 public:
  Run(const Gazetteer& gazetteer, const TaggerOptions& options, std::string_view original)
      : gaz_(gazetteer),
        index_(gazetteer.index()),
        options_(options),
        original_(original),
        norm_(index_.normalizer.normalize(original)),
        tokens_(tokenize(norm_.text)) {}

  std::vector<Span> spans() {
    lookup_gazetteer();
    if (options_.grammars) run_grammars();
    std::vector<Candidate> chosen = resolve(std::move(candidates_), tokens_.size());
    if (options_.document_memory) chosen = add_document_memory(std::move(chosen));
    return to_spans(chosen);
  }

 private:
  std::string_view token_text(std::size_t i) const { return tokens_[i].view(norm_.text); }

  // The stems a token can be looked up under: itself, and for Arabic its proclitic splits.
  const Stems& stems_of(std::size_t i) {
    if (tokens_[i].script == Script::kArabic)
      stems_.split(token_text(i));
    else
      stems_.whole(token_text(i));
    return stems_;
  }

  // True when the original character behind normalized byte pos is a bare alef ا.
  bool bare_alef_at(std::uint32_t pos) const {
    return original_.substr(norm_.src_begin[pos]).starts_with("\u0627");
  }

  bool case_matches(const Index::Hit& hit, std::uint32_t begin, std::uint32_t end) const {
    const auto [ob, oe] = norm_.original_range(begin, end);
    return Index::key_of(index_.cased, original_.substr(ob, oe - ob)) == hit.cased_key;
  }

  // The vocabulary id of text token i, looked up once.
  std::uint32_t token_id(std::size_t i) {
    if (ids_[i] == kUnknownId) ids_[i] = index_.token_id(token_text(i));
    return ids_[i];
  }

  void lookup_gazetteer() {
    ids_.assign(tokens_.size(), kUnknownId);
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (!tokens_[i].is_word()) continue;
      for (const Stem& stem : stems_of(i)) {
        const std::uint32_t first =
            stem.skip == 0 ? token_id(i) : index_.token_id(stem.key);
        if (first == Index::kNone) continue;
        std::uint32_t node = index_.first(first);
        const std::uint32_t begin = tokens_[i].begin + stem.skip;
        // Walk the trie along the following tokens; every node with hits is a candidate.
        for (std::size_t n = 1; node != Index::kNone; ++n) {
          add_gazetteer_hits(node, i, n, stem, begin);
          if (i + n >= tokens_.size()) break;
          const std::uint32_t next = token_id(i + n);
          if (next == Index::kNone) break;
          node = index_.child(node, next);
        }
      }
    }
  }

  void add_gazetteer_hits(std::uint32_t node, std::size_t i, std::size_t n, const Stem& stem,
                          std::uint32_t begin) {
    const std::uint32_t end = tokens_[i + n - 1].end;
    for (const Index::Hit& hit : index_.hits(node)) {
      if (stem.skip != 0 && (hit.exact || (hit.hamza_initial && bare_alef_at(begin)))) continue;
      if (!hit.cased_key.empty() && (stem.restored || !case_matches(hit, begin, end))) continue;
      const Entity& e = gaz_.entities()[hit.entity];
      candidates_.push_back({std::uint32_t(i), std::uint32_t(i + n), begin, end, e.type,
                             e.type == EntityType::kStop ? priority::kStop : priority::kGazetteer,
                             std::int32_t(hit.entity), nullptr, false});
      return;  // the first entity listing an alias owns it
    }
  }

  void run_grammars() {
    std::vector<Candidate> weak;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const Script s = tokens_[i].script;
      if (s == Script::kLatin || s == Script::kMixed) {
        if (const auto m = grammar::match_chip(norm_.text, tokens_[i].begin))
          (m->strong ? candidates_ : weak).push_back(grammar_candidate(i, 0, *m, EntityType::kChip));
      }
      if (s == Script::kPunct) continue;
      // Numeric expressions, also after a proclitic glued to a month or scale word (وفي، بيونيو).
      std::uint32_t skips[4] = {0};
      std::size_t nskips = 1;
      if (s == Script::kArabic)
        for (const Stem& stem : stems_of(i))
          if (stem.skip != 0 && !stem.restored && nskips < 4) skips[nskips++] = stem.skip;
      for (std::size_t k = 0; k < nskips; ++k) {
        const std::size_t pos = tokens_[i].begin + skips[k];
        if (!grammar::may_start_numeric(next_word(pos, tokens_[i].end))) continue;
        if (auto m = grammar::match_money(norm_.text, pos))
          candidates_.push_back(grammar_candidate(i, skips[k], *m, EntityType::kMoney));
        if (auto m = grammar::match_percent(norm_.text, pos))
          candidates_.push_back(grammar_candidate(i, skips[k], *m, EntityType::kPercent));
        if (auto m = grammar::match_date(norm_.text, pos))
          candidates_.push_back(grammar_candidate(i, skips[k], *m, EntityType::kDate));
      }
    }
    for (const Candidate& c : weak)
      if (has_chip_evidence(c)) candidates_.push_back(c);
  }

  // The word of normalized text starting at pos inside a token ending at token_end; for a
  // sign or symbol, that one character.
  std::string_view next_word(std::size_t pos, std::size_t token_end) const {
    return std::string_view(norm_.text).substr(pos, token_end - pos);
  }

  Candidate grammar_candidate(std::size_t i, std::uint32_t skip, const grammar::Match& m,
                              EntityType type) const {
    std::size_t last = i + 1;
    while (last < tokens_.size() && tokens_[last].begin < m.end) ++last;
    return {std::uint32_t(i), std::uint32_t(last), tokens_[i].begin + skip,
            std::uint32_t(m.end), type, priority::kGrammar, -1, m.rule, false};
  }

  // Evidence for a weak chip code: a chip cue word or a strong chip mention nearby.
  bool has_chip_evidence(const Candidate& c) {
    const std::size_t w = std::size_t(std::max(0, options_.evidence_window));
    const std::size_t lo = c.first_token > w ? c.first_token - w : 0;
    const std::size_t hi = std::min(tokens_.size(), std::size_t(c.last_token) + w);
    for (const Candidate& o : candidates_)
      if (o.type == EntityType::kChip && o.last_token > lo && o.first_token < hi) return true;
    for (std::size_t i = lo; i < hi; ++i) {
      if (i >= c.first_token && i < c.last_token) continue;
      if (!tokens_[i].is_word()) continue;
      for (const Stem& stem : stems_of(i))
        if (grammar::is_chip_cue(stem.key) || grammar::is_chip_cue(strip_article(stem.key)))
          return true;
    }
    return false;
  }

  // Once a multi-word PERSON name is found, its last word alone names the same person.
  std::vector<Candidate> add_document_memory(std::vector<Candidate> chosen) {
    std::unordered_map<std::string_view, const Candidate*> family;
    for (const Candidate& c : chosen) {
      if (c.type != EntityType::kPerson || c.last_token - c.first_token < 2) continue;
      const std::string_view last = token_text(c.last_token - 1);
      if (tokens_[c.last_token - 1].is_word() && last.size() >= 5)  // at least 3 letters
        family.emplace(last, &c);
    }
    if (family.empty()) return chosen;
    std::vector<bool> taken(tokens_.size(), false);
    for (const Candidate& c : chosen)
      for (std::uint32_t t = c.first_token; t < c.last_token; ++t) taken[t] = true;
    std::vector<Candidate> added;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (taken[i] || !tokens_[i].is_word()) continue;
      for (const Stem& stem : stems_of(i)) {
        const auto f = family.find(stem.key);
        if (f == family.end()) continue;
        Candidate c = *f->second;
        c.first_token = std::uint32_t(i);
        c.last_token = std::uint32_t(i + 1);
        c.begin = tokens_[i].begin + stem.skip;
        c.end = tokens_[i].end;
        c.priority = priority::kMemory;
        c.memory = true;
        added.push_back(c);
        break;
      }
    }
    chosen.insert(chosen.end(), added.begin(), added.end());
    std::sort(chosen.begin(), chosen.end(),
              [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
    return chosen;
  }

  std::vector<Span> to_spans(const std::vector<Candidate>& chosen) const {
    std::vector<Span> out;
    out.reserve(chosen.size());
    for (const Candidate& c : chosen) {
      if (c.type == EntityType::kStop) continue;
      const auto [b, e] = norm_.original_range(c.begin, c.end);
      Span s{b, e, c.type, {}, {}};
      if (c.entity >= 0) {
        const Entity& ent = gaz_.entities()[std::size_t(c.entity)];
        s.canonical = ent.name;
        s.source = (c.memory ? "memory:" : "gaz:") + ent.id;
      } else {
        s.source = std::string("rule:") + c.rule;
      }
      out.push_back(std::move(s));
    }
    return out;
  }

  const Gazetteer& gaz_;
  const Index& index_;
  const TaggerOptions& options_;
  std::string_view original_;
  NormalizedText norm_;
  std::vector<Token> tokens_;
  std::vector<Candidate> candidates_;
  Stems stems_;
  static constexpr std::uint32_t kUnknownId = 0xFFFFFFFE;
  std::vector<std::uint32_t> ids_;  // vocabulary id per text token, filled lazily
};

}  // namespace

Tagger::Tagger(std::shared_ptr<const Gazetteer> gazetteer, TaggerOptions options)
    : gazetteer_(std::move(gazetteer)), options_(options) {}
Tagger::~Tagger() = default;
Tagger::Tagger(Tagger&&) noexcept = default;
Tagger& Tagger::operator=(Tagger&&) noexcept = default;

std::vector<Span> Tagger::tag(std::string_view utf8) const {
  return Run(*gazetteer_, options_, utf8).spans();
}

}  // namespace alam
