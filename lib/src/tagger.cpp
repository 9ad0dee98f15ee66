// The tagging pipeline: normalize → tokenize → gazetteer lookup → grammars → resolution →
// document memory → spans in original byte offsets.
#include "alam/tagger.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "alam/normalizer.hpp"
#include "alam/tokenizer.hpp"
#include "clitics.hpp"
#include "gazetteer_index.hpp"
#include "grammar/chip.hpp"
#include "grammar/lexicon.hpp"
#include "grammar/names.hpp"
#include "grammar/token_classes.hpp"
#include "grammar/numeric.hpp"
#include "piece_cache.hpp"
#include "resolver.hpp"
#include "word_cache.hpp"

namespace alam {
namespace {

using Index = Gazetteer::Index;

// True when text contains a bidi control (SpanFlag::kFlagBidiControl). All of them are three
// bytes (E2 80 8E/8F/AA–AE, E2 81 A6–A9) except U+061C (D8 9C). Only the bytes E2 and 9C are
// looked at closely, found sixteen at a time (a span of Arabic text has D8 in every other byte).
bool has_bidi_control(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  auto control_at = [&](std::size_t i) {  // p[i] is E2 or 9C
    if (p[i] == 0x9C) return i > 0 && p[i - 1] == 0xD8;
    if (i + 2 >= n) return false;
    const unsigned b1 = p[i + 1], b2 = p[i + 2];
    return (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) ||
           (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
  };
  std::size_t i = 0;
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    unsigned m = unsigned(_mm_movemask_epi8(_mm_or_si128(
        _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xE2))), _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0x9C))))));
    for (; m != 0; m &= m - 1)
      if (control_at(i + unsigned(__builtin_ctz(m)))) return true;
  }
#endif
  for (; i < n; ++i)
    if ((p[i] == 0xE2 || p[i] == 0x9C) && control_at(i)) return true;
  return false;
}

// The last three bytes of s (at least three long), as one number.
std::uint32_t last3(std::string_view s) {
  const auto b = [&](std::size_t k) { return std::uint32_t(static_cast<unsigned char>(s[s.size() - k])); };
  return b(3) << 16 | b(2) << 8 | b(1);
}

// The note the tagger keeps with each token of a remembered piece (piece_cache.hpp), for
// Run::scan: either that the token is inert, with its vocabulary id, class and cue flag (all
// scan wants of such a token), or where its word facts are (WordCache::get's where, below
// 2^44). Notes are only read for their owner, the Tagger (Run::owner).
struct TokenNote {
  static constexpr std::uint64_t kInert = std::uint64_t(1) << 63;
  static constexpr std::uint64_t kCue = std::uint64_t(1) << 62;
  static std::uint64_t of(const WordFacts& f, std::uint64_t where) {
    if (!f.inert) return where;
    return kInert | (f.cue ? kCue : 0) | std::uint64_t(f.id) << 8 |
           static_cast<unsigned char>(f.cls);
  }
  static bool cue(std::uint64_t note) { return (note & kCue) != 0; }
  static char cls(std::uint64_t note) { return static_cast<char>(note & 0xFF); }
  static std::uint32_t id(std::uint64_t note) { return std::uint32_t(note >> 8); }
};

// A given name the gazetteer found: token range [first, last); proclitic bytes before it.
struct GivenName {
  std::uint32_t first, last, skip;
};

// The per-document arrays of a Run, kept per thread so that their storage is reused from one
// document to the next (allocation was ~7 % of tagging short documents, and after the text
// arrays moved here still ~5 %: 24 allocations per news paragraph, most of them in
// resolution, the name grammars and document memory). A Run that finds its thread's scratch in
// use (none does today: a Run calls nothing that tags) gets its own.
struct Scratch {
  NormalizedText norm;
  std::vector<Token> tokens;
  std::vector<std::uint64_t> notes;  // one TokenNote per token
  std::vector<std::uint32_t> ids;
  std::string classes;
  std::vector<char> cue;
  std::vector<Candidate> candidates, weak_chips, rejected_weak, chosen, added;
  std::vector<GivenName> given;
  Stems ahead_stems;  // Run::token_id
  ResolveScratch resolve;
  // run_name_grammars
  std::vector<std::uint32_t> name_skip;
  std::vector<const Candidate*> gaz;
  std::vector<grammar::TokenMatch> matches;
  // add_document_memory
  std::vector<std::pair<std::string_view, const Candidate*>> family, names;
  std::vector<std::uint32_t> tails;
  std::vector<char> taken;
  std::vector<Span> spare_spans;  // Run::to_spans
  bool busy = false;

  // Storage past this is given back after the document (one huge document must not pin its
  // memory for the thread's lifetime).
  static constexpr std::size_t kKeepBytes = 1u << 20;
  void release() {
    busy = false;
    if (norm.text.capacity() > kKeepBytes || tokens.capacity() * sizeof(Token) > kKeepBytes ||
        candidates.capacity() * sizeof(Candidate) > kKeepBytes)
      *this = Scratch{};
  }
};

class ScratchLease {
 public:
  ScratchLease() {
    thread_local Scratch local;
    if (!local.busy) {
      scratch_ = &local;
    } else {
      own_ = std::make_unique<Scratch>();
      scratch_ = own_.get();
    }
    scratch_->busy = true;
  }
  ~ScratchLease() { scratch_->release(); }
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;
  Scratch& operator*() const { return *scratch_; }

 private:
  std::unique_ptr<Scratch> own_;
  Scratch* scratch_ = nullptr;
};

// Per-call state of one tag() run.
class Run final : private PieceAnnotator {
 public:
  Run(const Gazetteer& gazetteer, const TaggerOptions& options, std::uint64_t serial,
      std::string_view original)
      : gaz_(gazetteer),
        index_(gazetteer.index()),
        options_(options),
        original_(original),
        norm_((*lease_).norm),
        tokens_((*lease_).tokens),
        notes_((*lease_).notes),
        candidates_((*lease_).candidates),
        ids_((*lease_).ids),
        weak_chips_((*lease_).weak_chips),
        rejected_weak_((*lease_).rejected_weak),
        given_((*lease_).given),
        classes_((*lease_).classes),
        cue_((*lease_).cue),
        ahead_stems_((*lease_).ahead_stems),
        serial_(serial) {
    if (cache_.start_document()) PieceCache::local().forget_notes();  // stamps start again
    index_.normalizer.normalize_and_tokenize(original, norm_, tokens_, *this, notes_);
    candidates_.clear();
    weak_chips_.clear();
    rejected_weak_.clear();
    given_.clear();
  }

  void spans(std::vector<Span>& out) {
    find_candidates();
    std::vector<Candidate>& chosen = (*lease_).chosen;
    resolve(candidates_, tokens_.size(), chosen, (*lease_).resolve);
    if (options_.document_memory) add_document_memory(chosen);
    drop_shared_characters(chosen);
    to_spans(chosen, out);
  }

  std::vector<Explanation> explain() {
    find_candidates();
    const std::vector<Candidate>& all = candidates_;
    std::vector<Candidate>& chosen = (*lease_).chosen;
    resolve(candidates_, tokens_.size(), chosen, (*lease_).resolve);
    if (options_.document_memory) add_document_memory(chosen);
    drop_shared_characters(chosen);
    std::vector<Explanation> out;
    std::vector<bool> reported(all.size(), false);
    auto overlaps = [](const Candidate& a, const Candidate& b) {
      return a.first_token < b.last_token && b.first_token < a.last_token;
    };
    auto report = [&](const Candidate& c, const Candidate* winner) {
      CandidateReport r{to_span(c), evidence(c), {}, winner == nullptr};
      if (!winner) {
        r.verdict = c.memory ? "chosen (document memory: the token was free)"
                             : "chosen (longest candidate, then priority)";
      } else if (c.end - c.begin < winner->end - winner->begin) {
        r.verdict = "lost: shorter than " + describe(*winner);
      } else if (c.priority < winner->priority) {
        r.verdict = "lost: as long as " + describe(*winner) +
                    ", lower priority (stop > gazetteer > grammar)";
      } else {
        r.verdict = "lost: as long and as strong as " + describe(*winner) +
                    ", which comes first (leftmost, then first listed)";
      }
      return r;
    };
    for (const Candidate& w : chosen) {
      Explanation e{to_span(w), w.type != EntityType::kStop, {}};
      e.candidates.push_back(report(w, nullptr));
      for (std::size_t k = 0; k < all.size(); ++k) {
        if (!overlaps(all[k], w)) continue;
        reported[k] = true;
        const bool same = all[k].begin == w.begin && all[k].end == w.end &&
                          all[k].type == w.type && all[k].entity == w.entity &&
                          all[k].rule == w.rule;
        if (!same) e.candidates.push_back(report(all[k], &w));
      }
      if (w.type == EntityType::kStop)
        e.candidates.front().verdict = "chosen, then dropped: a STOP entry never becomes a span";
      out.push_back(std::move(e));
    }
    for (const auto& [c, winner] : shared_) {
      Explanation e{to_span(c), false, {}};
      e.candidates.push_back({to_span(c), evidence(c),
                              "dropped: shares an original character with " + describe(winner) +
                                  " (a character that normalizes to several, such as \u215c or "
                                  "a ligature, ended one and began the other)",
                              false});
      out.push_back(std::move(e));
    }
    for (const Candidate& c : rejected_weak_) {
      Explanation e{to_span(c), false, {}};
      e.candidates.push_back({to_span(c), evidence(c),
                              "rejected: a bare code that is also an ordinary string needs a chip "
                              "cue word or a chip within " +
                                  std::to_string(options_.evidence_window) + " tokens",
                              false});
      out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [](const Explanation& a, const Explanation& b) {
      return a.span.begin < b.span.begin;
    });
    return out;
  }

 private:
  // PieceAnnotator: the notes normalize_and_tokenize keeps with the tokens of each piece, for
  // this Tagger's word facts (and forgotten when the word cache's stamps start again).
  std::uint64_t owner() const override { return serial_; }
  void annotate(std::string_view text, const Token* tokens, std::size_t count,
                std::uint64_t* notes) override {
    for (std::size_t k = 0; k < count; ++k) {
      const Token& t = tokens[k];
      const std::string_view word(text.data() + t.begin, t.end - t.begin);
      std::uint64_t where;
      const WordFacts& f =
          cache_.get(serial_, std::uint8_t(t.script), text, t.begin, word.size(),
                     [&](WordFacts& f) { learn(t, word, f, stems_); }, where);
      notes[k] = TokenNote::of(f, where);
    }
  }

  // Tokens lie inside the normalized text (tokenize), so no bounds check (substr's kept this
  // out of line: 7 M instructions per 2 MB).
  std::string_view token_text(std::size_t i) const {
    const Token& t = tokens_[i];
    return {norm_.text.data() + t.begin, std::size_t(t.end - t.begin)};
  }

  void find_candidates() {
    scan();
    if (options_.grammars) {
      add_weak_chips();
      run_name_grammars();
    }
  }

  // One pass over the tokens. Each token's proclitic splits are computed once and used for the
  // gazetteer lookup, the grammars that start at the token, its class for the name grammars
  // and whether it is a chip cue word.
  void scan() {
    ids_.assign(tokens_.size(), kUnknownId);
    if (options_.grammars) {
      classes_.assign(tokens_.size(), grammar::cls::kPunct);
      cue_.assign(tokens_.size(), 0);
    } else {
      classes_.clear();
      cue_.clear();
    }
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const std::uint64_t note = notes_[i];
      if (note & TokenNote::kInert) {  // what the facts would say, without them
        ids_[i] = TokenNote::id(note);
        if (options_.grammars) {
          cue_[i] = TokenNote::cue(note);
          classes_[i] = TokenNote::cls(note);
        }
        continue;
      }
      const Token& t = tokens_[i];
      const std::string_view text = token_text(i);
      const WordFacts* known = note != 0 ? cache_.follow(note, serial_) : nullptr;
      facts_ = known ? known
                     : &cache_.get(serial_, std::uint8_t(t.script), norm_.text, t.begin,
                                   text.size(), [&](WordFacts& f) { learn(t, text, f, stems_); });
      ids_[i] = facts_->id;
      if (options_.grammars) cue_[i] = facts_->cue;
      if (facts_->inert) {  // most Arabic words: no lookup, no grammar starts here
        if (options_.grammars) classes_[i] = facts_->cls;
        continue;
      }
      stems_.assign(text, *facts_);
      if (t.is_word()) lookup_gazetteer(i);
      if (!options_.grammars) continue;
      for (std::size_t k = 0; k < stems_.size(); ++k) info_[k] = facts_->stems[k].info;
      run_grammars_at(i);
      classes_[i] = facts_->cls ? facts_->cls : token_class(i);
    }
  }

  // What token text alone tells (word_cache.hpp): its stems, their vocabulary ids and lexicon
  // entries, and whether it is a chip cue word. stems is working storage.
  void learn(const Token& t, std::string_view text, WordFacts& f, Stems& stems) {
    if (t.script == Script::kArabic)
      stems.split(text);
    else
      stems.whole(text);
    f.count = std::uint8_t(std::min(stems.size(), WordFacts::kMaxStems));
    std::array<const grammar::WordInfo*, 16> infos{};  // as info_
    bool starts_something = false;  // a stem that starts an alias or a number
    for (std::size_t k = 0; k < f.count; ++k) {
      const Stem& stem = stems[k];
      const grammar::WordInfo* info = grammar::lookup_word(stem.key);
      const std::string_view bare = strip_article(stem.key);
      const grammar::WordInfo* bare_info =
          bare.size() != stem.key.size() ? grammar::lookup_word(bare) : nullptr;
      if ((info && info->chip_cue) || (bare_info && bare_info->chip_cue)) f.cue = true;
      const std::uint32_t id = index_.token_id(stem.key);
      if (k == 0) f.id = id;
      const std::uint32_t node = id == Index::kNone ? Index::kNone : index_.first(id);
      f.stems[k] = {info, node, std::uint8_t(stem.skip), stem.restored};
      infos[k] = info;
      const unsigned char first = stem.key.empty() ? 0 : static_cast<unsigned char>(stem.key[0]);
      if (node != Index::kNone || grammar::starts_numeric(first, info)) starts_something = true;
    }
    f.chip = (t.script == Script::kLatin || t.script == Script::kMixed) &&
             grammar::may_start_chip(text, 0);
    if (t.script != Script::kLatin)  // Latin classes depend on the original letter case
      f.cls = grammar::classify_token(t.script, text, {}, stems, infos.data());
    // What scan() would do at an inert token: Arabic tokens start no chip (Latin and mixed
    // only) and no money, percentage or date (no digit, sign or numeric word), and without a
    // stem that starts an alias no gazetteer walk (a stem in the vocabulary only as a later
    // word of aliases is found by walks from the tokens before it: WordFacts::id); punctuation
    // starts nothing.
    f.inert = (t.script == Script::kArabic && !starts_something) || t.script == Script::kPunct;
  }

  // True when the original character behind normalized byte pos is a bare alef ا.
  bool bare_alef_at(std::uint32_t pos) const {
    return original_.substr(norm_.src_begin[pos]).starts_with("\u0627");
  }

  bool case_matches(const Index::Hit& hit, std::uint32_t begin, std::uint32_t end) const {
    const auto [ob, oe] = norm_.original_range(begin, end);
    const std::string_view text = original_.substr(ob, oe - ob);
    return Index::key_of(Index::case_preserving_normalizer(), text) == index_.str(hit.cased_key);
  }

  // The vocabulary id of text token i, looked up once: from its note (TokenNote), or else
  // through the word cache. The token is ahead of the scan, which will want its facts too, and
  // either is cheaper than a lookup in the image (whose 16 MB miss the processor caches).
  std::uint32_t token_id(std::size_t i) {
    if (ids_[i] == kUnknownId) {
      const std::uint64_t note = notes_[i];
      if (note & TokenNote::kInert) return ids_[i] = TokenNote::id(note);
      if (const WordFacts* known = note != 0 ? cache_.follow(note, serial_) : nullptr)
        return ids_[i] = known->id;
      // The lookup may reuse the slot of the facts scan() is using: copy them first.
      if (facts_ != &current_) {
        current_ = *facts_;
        facts_ = &current_;
      }
      const Token& t = tokens_[i];
      const std::string_view text = token_text(i);
      ids_[i] = cache_.get(serial_, std::uint8_t(t.script), norm_.text, t.begin, text.size(),
                           [&](WordFacts& f) { learn(t, text, f, ahead_stems_); })
                    .id;
    }
    return ids_[i];
  }

  // Gazetteer lookup at token i under each of its stems: walk the trie along the following
  // tokens; every node with hits is a candidate.
  void lookup_gazetteer(std::size_t i) {
    for (std::size_t k = 0; k < stems_.size(); ++k) {
      const Stem& stem = stems_[k];
      std::uint32_t node = facts_->stems[k].first_node;
      if (node == Index::kNone) continue;
      const std::uint32_t begin = tokens_[i].begin + stem.skip;
      for (std::size_t n = 1; node != Index::kNone; ++n) {
        add_gazetteer_hits(node, i, n, stem, begin);
        if (i + n >= tokens_.size()) break;
        const std::uint32_t next = token_id(i + n);
        if (next == Index::kNone) break;
        node = index_.child(node, next);
      }
    }
  }

  void add_gazetteer_hits(std::uint32_t node, std::size_t i, std::size_t n, const Stem& stem,
                          std::uint32_t begin) {
    const std::uint32_t end = tokens_[i + n - 1].end;
    for (const Index::Hit& hit : index_.hits(node)) {
      if (stem.skip != 0 && (hit.exact || (hit.hamza_initial && bare_alef_at(begin)))) continue;
      if (hit.cased_key.length != 0 && (stem.restored || !case_matches(hit, begin, end))) continue;
      const EntityType type = gaz_.entity(hit.entity).type();
      if (type == EntityType::kGiven) {  // a given name only informs the person grammar
        // Unsplit, or after a conjunction alone (وأحمد); a name never follows a preposition.
        const std::string_view t = token_text(i);
        const bool conjunction = stem.skip == 2 && !stem.restored &&
                                 (t.starts_with("\u0648") || t.starts_with("\u0641"));
        if (stem.skip == 0 || conjunction)
          given_.push_back({std::uint32_t(i), std::uint32_t(i + n), stem.skip});
        continue;
      }
      candidates_.push_back({std::uint32_t(i), std::uint32_t(i + n), begin, end, type,
                             type == EntityType::kStop ? priority::kStop : priority::kGazetteer,
                             std::int32_t(hit.entity), nullptr, false});
      return;  // the first entity listing an alias owns it
    }
  }

  // The character-level grammars that can start at token i: chip models at Latin tokens;
  // money, percentages and dates at any word or sign, also after a proclitic (وفي، بـ5).
  void run_grammars_at(std::size_t i) {
    const Token& t = tokens_[i];
    if (facts_->chip) {  // a Latin or mixed token that passed match_chip's first test
      if (const auto m = grammar::match_chip(norm_.text, t.begin))
        (m->strong ? candidates_ : weak_chips_).push_back(grammar_candidate(i, 0, *m, EntityType::kChip));
    }
    if (t.script == Script::kPunct) return;
    for (std::size_t k = 0; k < stems_.size(); ++k) {
      const Stem& stem = stems_[k];
      if (stem.restored) continue;
      const std::size_t pos = t.begin + stem.skip;
      const unsigned char c = stem.key.empty() ? 0 : static_cast<unsigned char>(stem.key[0]);
      grammar::NumericStarts starts = grammar::numeric_starts(c, info_[k]);
      if (!starts.any()) continue;
      if (c >= '0' && c <= '9') {  // a number: what follows it rules out most families
        starts = grammar::numeric_after_digit(norm_.text, pos);
        if (!starts.any()) continue;
      }
      if (auto m = starts.money ? grammar::match_money(norm_.text, pos) : std::nullopt)
        candidates_.push_back(grammar_candidate(i, stem.skip, *m, EntityType::kMoney));
      if (auto m = starts.percent ? grammar::match_percent(norm_.text, pos) : std::nullopt)
        candidates_.push_back(grammar_candidate(i, stem.skip, *m, EntityType::kPercent));
      if (auto m = starts.date ? grammar::match_date(norm_.text, pos) : std::nullopt)
        candidates_.push_back(grammar_candidate(i, stem.skip, *m, EntityType::kDate));
    }
  }

  Candidate grammar_candidate(std::size_t i, std::uint32_t skip, const grammar::Match& m,
                              EntityType type) const {
    std::size_t last = i + 1;
    while (last < tokens_.size() && tokens_[last].begin < m.end) ++last;
    return {std::uint32_t(i), std::uint32_t(last), tokens_[i].begin + skip,
            std::uint32_t(m.end), type, priority::kGrammar, -1, m.rule, false};
  }

  // Weak chip codes (A4, M1, H20) are kept only with evidence: a chip cue word or a strong chip
  // mention within the evidence window on either side. Prefix sums keep this linear.
  void add_weak_chips() {
    if (weak_chips_.empty()) return;
    std::vector<char> mark(cue_.begin(), cue_.end());
    for (const Candidate& o : candidates_)
      if (o.type == EntityType::kChip)
        for (std::uint32_t t = o.first_token; t < o.last_token; ++t) mark[t] = 1;
    std::vector<std::uint32_t> sum(tokens_.size() + 1, 0);
    for (std::size_t i = 0; i < tokens_.size(); ++i) sum[i + 1] = sum[i] + std::uint32_t(mark[i]);
    const std::size_t w = std::size_t(std::max(0, options_.evidence_window));
    for (const Candidate& c : weak_chips_) {
      const std::size_t lo = c.first_token > w ? c.first_token - w : 0;
      const std::size_t hi = std::min(tokens_.size(), std::size_t(c.last_token) + w);
      if (sum[c.first_token] - sum[lo] + sum[hi] - sum[c.last_token] > 0)
        candidates_.push_back(c);
      else
        rejected_weak_.push_back(c);
    }
  }

  // The class of token i for the name grammars (grammar/token_classes.hpp), from its stems.
  char token_class(std::size_t i) const {
    const auto [ob, oe] = norm_.original_range(tokens_[i].begin, tokens_[i].end);
    return grammar::classify_token(tokens_[i].script, token_text(i), original_.substr(ob, oe - ob),
                                   stems_, info_.data());
  }

  // Person and organisation rules over the token classes, where gazetteer matches replace the
  // classes of their tokens (known organisations mark E/e, other known names L).
  void run_name_grammars() {
    namespace cls = grammar::cls;
    std::vector<std::uint32_t>& name_skip = (*lease_).name_skip;  // proclitic before a given name
    name_skip.assign(tokens_.size(), 0);
    for (const GivenName& g : given_) {
      for (std::uint32_t t = g.first; t < g.last; ++t)
        classes_[t] = t == g.first ? cls::kGiven : cls::kGivenRest;
      name_skip[g.first] = g.skip;
    }
    std::vector<const Candidate*>& gaz = (*lease_).gaz;
    gaz.clear();
    for (const Candidate& c : candidates_)
      if (c.entity >= 0 && c.type != EntityType::kStop) gaz.push_back(&c);
    // The longest match is applied last; equally long ones in the order they were found (the
    // addresses in candidates_: a stable order without std::stable_sort's buffer).
    std::sort(gaz.begin(), gaz.end(), [](const Candidate* a, const Candidate* b) {
      const auto la = a->end - a->begin, lb = b->end - b->begin;
      return la != lb ? la < lb : a < b;
    });
    for (const Candidate* c : gaz)
      for (std::uint32_t t = c->first_token; t < c->last_token; ++t)
        classes_[t] = c->type != EntityType::kOrg ? cls::kKnown
                      : t == c->first_token       ? cls::kOrgStart
                                                  : cls::kOrgRest;
    std::vector<grammar::TokenMatch>& matches = (*lease_).matches;
    matches.clear();
    grammar::match_names(classes_, matches);
    for (const grammar::TokenMatch& m : matches)
      candidates_.push_back({std::uint32_t(m.first), std::uint32_t(m.last),
                             tokens_[m.first].begin + name_skip[m.first], tokens_[m.last - 1].end,
                             m.type, priority::kGrammar, -1, m.rule, false});
  }

  // Document memory, after resolution, on free tokens only:
  // - a multi-word PERSON's last word (three letters or more) alone names the same person
  //   (آندي ماينارد … ماينارد);
  // - a name that a grammar rule found (شركة DZT Research) is the same entity wherever it is
  //   repeated in the document without its cue (DZT Research).
  void add_document_memory(std::vector<Candidate>& chosen) {
    Scratch& scratch = *lease_;
    // (last token, the first PERSON with it) and (first token, each of the first eight names
    // that a grammar found with it), sorted by text and then address, which is document order:
    // looked up by binary search.
    auto& family = scratch.family;
    auto& names = scratch.names;
    family.clear();
    names.clear();
    for (const Candidate& c : chosen) {
      if (c.type == EntityType::kPerson && c.last_token - c.first_token >= 2) {
        const std::string_view last = token_text(c.last_token - 1);
        if (tokens_[c.last_token - 1].is_word() && last.size() >= 5) family.push_back({last, &c});
      }
      if (c.entity < 0 && (c.type == EntityType::kOrg || c.type == EntityType::kPerson))
        names.push_back({token_text(c.first_token), &c});
    }
    if (family.empty() && names.empty()) return;
    std::sort(family.begin(), family.end());
    std::sort(names.begin(), names.end());
    auto same_text = [](const auto& a, const auto& b) { return a.first == b.first; };
    family.erase(std::unique(family.begin(), family.end(), same_text), family.end());
    auto by_text = [](const auto& entry, std::string_view t) { return entry.first < t; };
    // One bit per (length, last byte) of the names' first tokens: most tokens skip the lookup.
    auto name_bit = [](std::string_view t) {
      return std::uint64_t(1) << ((t.size() * 7 + static_cast<unsigned char>(t.back())) & 63);
    };
    std::uint64_t name_bits = 0;
    for (const auto& entry : names) name_bits |= name_bit(entry.first);
    // A token can hold a family name only if it ends in the name's last three bytes: every
    // stem key ends where its token ends (a restored لل key only changes its start).
    std::vector<std::uint32_t>& tails = scratch.tails;
    tails.clear();
    for (const auto& [name, c] : family) tails.push_back(last3(name));
    std::sort(tails.begin(), tails.end());
    std::vector<char>& taken = scratch.taken;
    taken.assign(tokens_.size(), 0);
    for (const Candidate& c : chosen)
      for (std::uint32_t t = c.first_token; t < c.last_token; ++t) taken[t] = 1;
    auto remember = [&](const Candidate& from, std::size_t i, std::size_t n, std::uint32_t skip) {
      Candidate c = from;
      c.first_token = std::uint32_t(i);
      c.last_token = std::uint32_t(i + n);
      c.begin = tokens_[i].begin + skip;
      c.end = tokens_[i + n - 1].end;
      c.priority = priority::kMemory;
      c.memory = true;
      for (std::size_t t = i; t < i + n; ++t) taken[t] = 1;
      return c;
    };
    std::vector<Candidate>& added = scratch.added;
    added.clear();
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (taken[i] || !tokens_[i].is_word()) continue;
      // A repeated grammar-found name, token for token.
      const std::string_view t = token_text(i);
      if (name_bit(t) & name_bits) {
        auto it = std::lower_bound(names.begin(), names.end(), t, by_text);
        for (int tried = 0; it != names.end() && it->first == t && tried < 8; ++it, ++tried) {
          const Candidate* c = it->second;
          const std::size_t n = c->last_token - c->first_token;
          if (i + n > tokens_.size() || (c->first_token == i)) continue;
          bool same = true;
          for (std::size_t k = 0; k < n && same; ++k)
            same = !taken[i + k] && token_text(i + k) == token_text(c->first_token + k);
          if (!same) continue;
          added.push_back(remember(*c, i, n, 0));
          break;
        }
        if (taken[i]) continue;
      }
      if (family.empty()) continue;
      if (t.size() < 3 || !std::binary_search(tails.begin(), tails.end(), last3(t))) continue;
      if (tokens_[i].script == Script::kArabic)
        stems_.split(token_text(i));
      else
        stems_.whole(token_text(i));
      for (const Stem& stem : stems_) {
        const auto f = std::lower_bound(family.begin(), family.end(), stem.key, by_text);
        if (f == family.end() || f->first != stem.key) continue;
        added.push_back(remember(*f->second, i, 1, stem.skip));
        break;
      }
    }
    chosen.insert(chosen.end(), added.begin(), added.end());
    std::sort(chosen.begin(), chosen.end(),
              [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
  }

  // Candidates chosen on disjoint tokens may still share an original character: one that
  // normalizes to several (⅜ → 3⁄8, the ligature ﻻ → لا) can give its first part to one
  // candidate's last token and the rest to the next one's first token (2$1⅜%: money "$1⅜" and
  // percent "⅜%"). Spans never overlap in the original text, so of two such neighbours the one
  // resolution ranks lower is dropped (explain() reports it). chosen is in text order, so
  // original begins do not decrease, and a kept candidate only ever meets its left neighbour.
  void drop_shared_characters(std::vector<Candidate>& chosen) {
    std::size_t kept = 0, last_end = 0;
    for (std::size_t k = 0; k < chosen.size(); ++k) {
      const auto [b, e] = norm_.original_range(chosen[k].begin, chosen[k].end);
      if (kept > 0 && b < last_end) {
        Candidate& left = chosen[kept - 1];
        if (!ranks_before(chosen[k], left)) {
          shared_.emplace_back(chosen[k], left);
          continue;
        }
        shared_.emplace_back(left, chosen[k]);
        --kept;  // the right one wins: it replaces its left neighbour
      }
      last_end = e;
      chosen[kept++] = chosen[k];
    }
    chosen.resize(kept);
  }

  // The span of candidate c, written into s (its strings' storage reused).
  void to_span(const Candidate& c, Span& s) const {
    const auto [b, e] = norm_.original_range(c.begin, c.end);
    s.begin = b;
    s.end = e;
    s.type = c.type;
    s.flags = has_bidi_control(original_.substr(b, e - b)) ? kFlagBidiControl : 0u;
    if (c.entity >= 0) {
      const EntityView ent = gaz_.entity(std::size_t(c.entity));
      s.canonical.assign(ent.name());
      s.source.assign(c.memory ? "memory:" : "gaz:").append(ent.id());
    } else {
      s.canonical.clear();
      s.source.assign(c.memory ? "memory:rule:" : "rule:").append(c.rule ? c.rule : "");
    }
  }
  Span to_span(const Candidate& c) const {
    Span s;
    to_span(c, s);
    return s;
  }

  // The spans of the chosen candidates into out. Spans out has beyond those wait in the
  // thread's scratch storage (spare_spans), strings and all, for the next document's.
  void to_spans(const std::vector<Candidate>& chosen, std::vector<Span>& out) const {
    std::vector<Span>& spare = (*lease_).spare_spans;
    for (const Candidate& c : chosen) {  // the names and ids to copy, fetched all at once
      if (c.entity < 0) continue;
      const image::EntityRecord& r = index_.entities()[std::size_t(c.entity)];
      __builtin_prefetch(index_.str(r.name).data());
      __builtin_prefetch(index_.str(r.id).data());
    }
    std::size_t n = 0;
    for (const Candidate& c : chosen) {
      if (c.type == EntityType::kStop) continue;
      if (n == out.size()) {
        if (spare.empty()) {
          out.emplace_back();
        } else {
          out.push_back(std::move(spare.back()));
          spare.pop_back();
        }
      }
      to_span(c, out[n++]);
    }
    for (std::size_t k = n; k < out.size() && spare.size() < kMaxSpareSpans; ++k)
      spare.push_back(std::move(out[k]));
    out.resize(n);
  }
  static constexpr std::size_t kMaxSpareSpans = 256;

  // "TYPE «text» (source)" for verdicts.
  std::string describe(const Candidate& c) const {
    const Span s = to_span(c);
    return std::string(type_name(s.type)) + " \u00ab" +
           std::string(original_.substr(s.begin, s.end - s.begin)) + "\u00bb (" + s.source + ")";
  }

  // What supports a candidate, for explain().
  std::string evidence(const Candidate& c) const {
    std::string out;
    if (c.entity >= 0) {
      const EntityView e = gaz_.entity(std::size_t(c.entity));
      out = c.memory ? "family name of " + std::string(e.name()) + " found earlier in the document; "
                     : std::string();
      out += "gazetteer entry " + std::string(e.id()) + " (" + std::string(e.file()) + ":" +
             std::to_string(e.line()) + ")";
    } else {
      out = (c.memory ? "family name of a person found by rule " : "grammar rule ") +
            std::string(c.rule);
    }
    const std::uint32_t skip = c.begin - tokens_[c.first_token].begin;
    if (skip != 0)
      out += ", after the proclitic \u00ab" +
             std::string(token_text(c.first_token).substr(0, skip)) + "\u00bb";
    if (c.type == EntityType::kChip && c.rule && std::string_view(c.rule) == "chip.code" &&
        std::find_if(weak_chips_.begin(), weak_chips_.end(), [&](const Candidate& w) {
          return w.begin == c.begin && w.end == c.end;
        }) != weak_chips_.end())
      out += ", a bare code kept for a chip cue word or chip within " +
             std::to_string(options_.evidence_window) + " tokens";
    return out;
  }

  const Gazetteer& gaz_;
  const Index& index_;
  const TaggerOptions& options_;
  std::string_view original_;
  ScratchLease lease_;
  NormalizedText& norm_;
  std::vector<Token>& tokens_;
  std::vector<std::uint64_t>& notes_;  // TokenNote per token (0: none)
  std::vector<Candidate>& candidates_;
  Stems stems_;
  static constexpr std::uint32_t kUnknownId = 0xFFFFFFFE;
  std::vector<std::uint32_t>& ids_;  // vocabulary id per text token, filled lazily
  std::vector<Candidate>& weak_chips_;  // chip codes that need evidence
  std::vector<Candidate>& rejected_weak_;  // …and had none
  std::vector<std::pair<Candidate, Candidate>> shared_;  // dropped, and the span that kept the
                                                         // character (drop_shared_characters)
  std::vector<GivenName>& given_;  // given names found by the gazetteer
  std::string& classes_;               // token classes for the name grammars
  std::vector<char>& cue_;             // 1 where a token is a chip cue word
  std::array<const grammar::WordInfo*, 16> info_{};  // lexicon entries of stems_, by index
  WordCache& cache_ = WordCache::local();
  const WordFacts* facts_ = nullptr;  // of the token scan() is at (or current_, its copy)
  WordFacts current_;
  Stems& ahead_stems_;                // for learn() of a token ahead of the scan
  std::uint64_t serial_;              // the Tagger's, for the word cache
};

}  // namespace

namespace {
std::atomic<std::uint64_t> next_serial{1};
}  // namespace

Tagger::Tagger(std::shared_ptr<const Gazetteer> gazetteer, TaggerOptions options)
    : gazetteer_(std::move(gazetteer)), options_(options), serial_(next_serial++) {}
Tagger::~Tagger() = default;
Tagger::Tagger(Tagger&&) noexcept = default;
Tagger& Tagger::operator=(Tagger&&) noexcept = default;

std::vector<Span> Tagger::tag(std::string_view utf8) const {
  std::vector<Span> spans;
  tag(utf8, spans);
  return spans;
}

void Tagger::tag(std::string_view utf8, std::vector<Span>& spans) const {
  Run(*gazetteer_, options_, serial_, utf8).spans(spans);
}

std::vector<Explanation> Tagger::explain(std::string_view utf8) const {
  return Run(*gazetteer_, options_, serial_, utf8).explain();
}

}  // namespace alam
