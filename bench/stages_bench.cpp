// Throughput of each stage of the tagging pipeline on its own, in bytes of original text per
// second, so the stages can be compared with each other and with the whole tagger
// (tagger_bench.cpp) on the same text:
//
//   StageGazetteerLookup     proclitic splits + vocabulary ids + trie walk + hit filtering, at
//                            every word token (tagger.cpp, lookup_gazetteer); embedded gazetteers
//   StageGazetteerLookupCompiled   the same with $ALAM_BENCH_COMPILED (e.g. the 1M-row .alamc)
//   StageLexicon             the grammars' word lookup (grammar/lexicon.hpp) of every stem
//   StageGrammarChip         match_chip at every Latin or mixed token
//   StageGrammarMoney/Percent/Date   each numeric family at the positions the tagger tries it
//                            (a stem starting with a digit or sign, or a lexicon start word)
//   StageGrammarNames        the person and organisation grammars over the token classes
//   StageResolve             overlap resolution of every candidate of each document
//   StageWriteJsonl          the JSONL writer, code point offsets (alam tag --format jsonl)
//
// Everything a stage needs (normalized text, tokens, positions, classes, candidates, spans) is
// computed once before timing, so each figure is that stage alone. The inputs are the first
// $ALAM_BENCH_STAGE_MB megabytes (default 20) of the benchmark corpus (bench_corpus.hpp):
//
//   ALAM_BENCH_CORPUS=/tmp/benchdata/corpus.txt ALAM_BENCH_MB=20 build/bench/alam_bench
//       --benchmark_filter=Stage
//
// The lookup and lexicon benchmarks split and look up every token, uncached: they measure the
// lookup structures themselves. The tagger itself remembers what it learnt of each distinct
// word per thread (word_cache.hpp), so it pays this for new words only.
//
// This file reaches the library's internals (lib/src), like the unit tests: when a stage's
// interface changes, the matching benchmark changes with it.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/normalizer.hpp"
#include "alam/tagger.hpp"
#include "alam/tokenizer.hpp"
#include "alam/writer.hpp"
#include "bench_corpus.hpp"
#include "clitics.hpp"
#include "gazetteer_index.hpp"
#include "grammar/chip.hpp"
#include "grammar/lexicon.hpp"
#include "grammar/names.hpp"
#include "grammar/numeric.hpp"
#include "grammar/token_classes.hpp"
#include "resolver.hpp"

namespace alam::bench {
namespace {

using Index = Gazetteer::Index;

// One document of the stage corpus with its normalized form and tokens.
struct Doc {
  std::string_view original;
  NormalizedText norm;
  std::vector<Token> tokens;
  std::string_view token_text(std::size_t i) const { return tokens[i].view(norm.text); }
};

struct StageCorpus {
  std::vector<Doc> docs;
  std::size_t bytes = 0;  // original bytes, one newline per document counted
};

const StageCorpus& stage_corpus() {
  static const StageCorpus c = [] {
    StageCorpus out;
    const char* env = std::getenv("ALAM_BENCH_STAGE_MB");
    const std::size_t limit = std::size_t((env ? std::atof(env) : 20.0) * 1e6);
    const Normalizer& norm = Index::matching_normalizer();
    for (const std::string& text : corpus()) {
      if (out.bytes >= limit) break;
      Doc d{text, norm.normalize(text), {}};
      d.tokens = tokenize(d.norm);
      out.bytes += text.size() + 1;
      out.docs.push_back(std::move(d));
    }
    return out;
  }();
  return c;
}

const std::shared_ptr<const Gazetteer>& embedded_gazetteer() {
  static const std::shared_ptr<const Gazetteer> g =
      std::make_shared<const Gazetteer>(Gazetteer::embedded().value());
  return g;
}

void set_bytes(benchmark::State& state) {
  state.SetBytesProcessed(std::int64_t(state.iterations() * stage_corpus().bytes));
}

// The stems of token i: proclitic splits for Arabic tokens, the token alone otherwise.
void split_token(const Doc& d, std::size_t i, Stems& stems) {
  if (d.tokens[i].script == Script::kArabic)
    stems.split(d.token_text(i));
  else
    stems.whole(d.token_text(i));
}

// A gazetteer match: tokens [first, first + n), normalized bytes [begin, end).
struct GazMatch {
  std::uint32_t first, n, begin, end, skip;
  std::uint32_t entity;
};

// The tagger's gazetteer lookup over one document, without its word cache (tagger.cpp,
// lookup_gazetteer and add_gazetteer_hits): at every word token, under each stem, walk the trie along the following
// tokens; at every node with hits the first entity that passes the proclitic and case checks
// owns the match (given names, which only inform the person grammar, are reported and passed). `ids` caches the vocabulary id of each text token, as the tagger does.
template <typename OnMatch>
void lookup_document(const Gazetteer& gaz, const Doc& d, Stems& stems,
                     std::vector<std::uint32_t>& ids, OnMatch on_match) {
  constexpr std::uint32_t kUnknown = 0xFFFFFFFE;
  const Index& index = gaz.index();
  ids.assign(d.tokens.size(), kUnknown);
  auto token_id = [&](std::size_t i) {
    if (ids[i] == kUnknown) ids[i] = index.token_id(d.token_text(i));
    return ids[i];
  };
  for (std::size_t i = 0; i < d.tokens.size(); ++i) {
    if (!d.tokens[i].is_word()) continue;
    split_token(d, i, stems);
    for (const Stem& stem : stems) {
      const std::uint32_t first = stem.skip == 0 ? token_id(i) : index.token_id(stem.key);
      if (first == Index::kNone) continue;
      std::uint32_t node = index.first(first);
      const std::uint32_t begin = d.tokens[i].begin + stem.skip;
      for (std::size_t n = 1; node != Index::kNone; ++n) {
        const std::uint32_t end = d.tokens[i + n - 1].end;
        for (const Index::Hit& hit : index.hits(node)) {
          if (stem.skip != 0 &&
              (hit.exact || (hit.hamza_initial &&
                             d.original.substr(d.norm.src_begin[begin]).starts_with("\u0627"))))
            continue;
          if (hit.cased_key.length != 0) {
            if (stem.restored) continue;
            const auto [ob, oe] = d.norm.original_range(begin, end);
            const std::string_view text = d.original.substr(ob, oe - ob);
            if (Index::key_of(Index::case_preserving_normalizer(), text) !=
                index.str(hit.cased_key))
              continue;
          }
          on_match(GazMatch{std::uint32_t(i), std::uint32_t(n), begin, end, stem.skip, hit.entity});
          // A given name only informs the person grammar; other entities own the alias.
          if (gaz.entity(hit.entity).type() != EntityType::kGiven) break;
        }
        if (i + n >= d.tokens.size()) break;
        const std::uint32_t next = token_id(i + n);
        if (next == Index::kNone) break;
        node = index.child(node, next);
      }
    }
  }
}

void run_lookup(benchmark::State& state, const Gazetteer& gaz) {
  const StageCorpus& c = stage_corpus();
  Stems stems;
  std::vector<std::uint32_t> ids;
  std::size_t matches = 0;
  for (auto _ : state)
    for (const Doc& d : c.docs) lookup_document(gaz, d, stems, ids, [&](const GazMatch&) { ++matches; });
  set_bytes(state);
  state.counters["matches/iter"] = double(matches) / double(state.iterations());
}

void StageGazetteerLookup(benchmark::State& state) {
  run_lookup(state, *embedded_gazetteer());
}
BENCHMARK(StageGazetteerLookup)->Unit(benchmark::kMillisecond)->UseRealTime();

void StageGazetteerLookupCompiled(benchmark::State& state) {
  const char* path = std::getenv("ALAM_BENCH_COMPILED");
  if (!path) {
    state.SkipWithError("set ALAM_BENCH_COMPILED to a compiled gazetteer");
    return;
  }
  auto g = Gazetteer::load_compiled(path);
  if (!g) {
    state.SkipWithError(g.status().message().c_str());
    return;
  }
  run_lookup(state, *g);
}
BENCHMARK(StageGazetteerLookupCompiled)->Unit(benchmark::kMillisecond)->UseRealTime();

// The grammars' word lookup of every stem of every token, and of the stem without its article
// (chip cue words such as الرقائق), as the tagger's scan does.
void StageLexicon(benchmark::State& state) {
  const StageCorpus& c = stage_corpus();
  Stems stems;
  std::size_t known = 0;
  for (auto _ : state)
    for (const Doc& d : c.docs)
      for (std::size_t i = 0; i < d.tokens.size(); ++i) {
        split_token(d, i, stems);
        for (const Stem& stem : stems) {
          known += grammar::lookup_word(stem.key) != nullptr;
          const std::string_view bare = strip_article(stem.key);
          if (bare.size() != stem.key.size()) known += grammar::lookup_word(bare) != nullptr;
        }
      }
  set_bytes(state);
  state.counters["known/iter"] = double(known) / double(state.iterations());
}
BENCHMARK(StageLexicon)->Unit(benchmark::kMillisecond)->UseRealTime();

// Where the tagger runs the character-level grammars (tagger.cpp, run_grammars_at): chips at
// the start of Latin and mixed tokens; money, percent and date at each unrestored stem that
// starts with a digit or currency/percent sign, or that the lexicon marks as a start word.
struct GrammarPositions {
  std::vector<std::vector<std::uint32_t>> chip, numeric;  // per document: normalized bytes
};

const GrammarPositions& grammar_positions() {
  static const GrammarPositions p = [] {
    GrammarPositions out;
    Stems stems;
    for (const Doc& d : stage_corpus().docs) {
      auto& chip = out.chip.emplace_back();
      auto& numeric = out.numeric.emplace_back();
      for (std::size_t i = 0; i < d.tokens.size(); ++i) {
        const Token& t = d.tokens[i];
        if (t.script == Script::kLatin || t.script == Script::kMixed) chip.push_back(t.begin);
        if (t.script == Script::kPunct) continue;
        split_token(d, i, stems);
        for (const Stem& stem : stems) {
          if (stem.restored) continue;
          if (grammar::may_start_numeric(stem.key)) numeric.push_back(t.begin + stem.skip);
        }
      }
    }
    return out;
  }();
  return p;
}

using GrammarFn = std::optional<grammar::Match> (*)(std::string_view, std::size_t);

void run_grammar(benchmark::State& state, GrammarFn fn, bool chip_positions) {
  const StageCorpus& c = stage_corpus();
  const GrammarPositions& p = grammar_positions();
  std::size_t matches = 0, tries = 0;
  for (auto _ : state)
    for (std::size_t k = 0; k < c.docs.size(); ++k) {
      const std::string_view text = c.docs[k].norm.text;
      for (const std::uint32_t pos : chip_positions ? p.chip[k] : p.numeric[k]) {
        matches += fn(text, pos).has_value();
        ++tries;
      }
    }
  set_bytes(state);
  state.counters["tries/iter"] = double(tries) / double(state.iterations());
  state.counters["matches/iter"] = double(matches) / double(state.iterations());
}

void StageGrammarChip(benchmark::State& state) { run_grammar(state, grammar::match_chip, true); }
BENCHMARK(StageGrammarChip)->Unit(benchmark::kMillisecond)->UseRealTime();
void StageGrammarMoney(benchmark::State& state) { run_grammar(state, grammar::match_money, false); }
BENCHMARK(StageGrammarMoney)->Unit(benchmark::kMillisecond)->UseRealTime();
void StageGrammarPercent(benchmark::State& state) { run_grammar(state, grammar::match_percent, false); }
BENCHMARK(StageGrammarPercent)->Unit(benchmark::kMillisecond)->UseRealTime();
void StageGrammarDate(benchmark::State& state) { run_grammar(state, grammar::match_date, false); }
BENCHMARK(StageGrammarDate)->Unit(benchmark::kMillisecond)->UseRealTime();

// The class of token i for the name grammars, as the tagger computes it.
char token_class(const Doc& d, std::size_t i, const Stems& stems,
                 const std::array<const grammar::WordInfo*, 16>& info) {
  const auto [ob, oe] = d.norm.original_range(d.tokens[i].begin, d.tokens[i].end);
  return grammar::classify_token(d.tokens[i].script, d.token_text(i),
                                 d.original.substr(ob, oe - ob), stems, info.data());
}

// Per document: the token classes as the name grammars see them (gazetteer matches overlaid:
// E/e for organisations, L for other types, G/g for given names) and every candidate the
// tagger would hand to resolution (gazetteer, strong chips, numeric families, name rules).
struct Candidates {
  std::vector<std::string> classes;
  std::vector<std::vector<Candidate>> candidates;
};

const Candidates& candidates() {
  static const Candidates out = [] {
    Candidates c;
    const Gazetteer& gaz = *embedded_gazetteer();
    Stems stems;
    std::vector<std::uint32_t> ids;
    std::array<const grammar::WordInfo*, 16> info{};
    std::vector<grammar::TokenMatch> names;
    for (const Doc& d : stage_corpus().docs) {
      std::vector<Candidate>& cands = c.candidates.emplace_back();
      std::string& classes = c.classes.emplace_back(d.tokens.size(), grammar::cls::kPunct);
      std::vector<GazMatch> given;
      lookup_document(gaz, d, stems, ids, [&](const GazMatch& m) {
        const EntityType type = gaz.entity(m.entity).type();
        if (type == EntityType::kGiven) {
          if (m.skip == 0) given.push_back(m);
          return;
        }
        cands.push_back({m.first, m.first + m.n, m.begin, m.end, type,
                         type == EntityType::kStop ? priority::kStop : priority::kGazetteer,
                         std::int32_t(m.entity), nullptr, false});
      });
      auto grammar_candidate = [&](std::size_t i, std::uint32_t skip, const grammar::Match& m,
                                   EntityType type) {
        std::size_t last = i + 1;
        while (last < d.tokens.size() && d.tokens[last].begin < m.end) ++last;
        cands.push_back({std::uint32_t(i), std::uint32_t(last), d.tokens[i].begin + skip,
                         std::uint32_t(m.end), type, priority::kGrammar, -1, m.rule, false});
      };
      for (std::size_t i = 0; i < d.tokens.size(); ++i) {
        const Token& t = d.tokens[i];
        split_token(d, i, stems);
        for (std::size_t k = 0; k < stems.size(); ++k) info[k] = grammar::lookup_word(stems[k].key);
        classes[i] = token_class(d, i, stems, info);
        if (t.script == Script::kLatin || t.script == Script::kMixed)
          if (const auto m = grammar::match_chip(d.norm.text, t.begin); m && m->strong)
            grammar_candidate(i, 0, *m, EntityType::kChip);
        if (t.script == Script::kPunct) continue;
        for (std::size_t k = 0; k < stems.size(); ++k) {
          const Stem& stem = stems[k];
          if (stem.restored) continue;
          const unsigned char ch = stem.key.empty() ? 0 : static_cast<unsigned char>(stem.key[0]);
          const grammar::NumericStarts starts = grammar::numeric_starts(ch, info[k]);
          const std::size_t pos = t.begin + stem.skip;
          if (auto m = starts.money ? grammar::match_money(d.norm.text, pos) : std::nullopt)
            grammar_candidate(i, stem.skip, *m, EntityType::kMoney);
          if (auto m = starts.percent ? grammar::match_percent(d.norm.text, pos) : std::nullopt)
            grammar_candidate(i, stem.skip, *m, EntityType::kPercent);
          if (auto m = starts.date ? grammar::match_date(d.norm.text, pos) : std::nullopt)
            grammar_candidate(i, stem.skip, *m, EntityType::kDate);
        }
      }
      for (const GazMatch& g : given)
        for (std::uint32_t t = g.first; t < g.first + g.n; ++t)
          classes[t] = t == g.first ? grammar::cls::kGiven : grammar::cls::kGivenRest;
      std::vector<const Candidate*> gazc;
      for (const Candidate& x : cands)
        if (x.entity >= 0 && x.type != EntityType::kStop) gazc.push_back(&x);
      std::stable_sort(gazc.begin(), gazc.end(), [](const Candidate* a, const Candidate* b) {
        return a->end - a->begin < b->end - b->begin;
      });
      for (const Candidate* x : gazc)
        for (std::uint32_t t = x->first_token; t < x->last_token; ++t)
          classes[t] = x->type != EntityType::kOrg ? grammar::cls::kKnown
                       : t == x->first_token       ? grammar::cls::kOrgStart
                                                   : grammar::cls::kOrgRest;
      names.clear();
      grammar::match_names(classes, names);
      for (const grammar::TokenMatch& m : names)
        cands.push_back({std::uint32_t(m.first), std::uint32_t(m.last), d.tokens[m.first].begin,
                         d.tokens[m.last - 1].end, m.type, priority::kGrammar, -1, m.rule, false});
    }
    return c;
  }();
  return out;
}

void StageGrammarNames(benchmark::State& state) {
  const Candidates& c = candidates();
  std::vector<grammar::TokenMatch> out;
  std::size_t matches = 0;
  for (auto _ : state)
    for (const std::string& classes : c.classes) {
      out.clear();
      grammar::match_names(classes, out);
      matches += out.size();
    }
  set_bytes(state);
  state.counters["matches/iter"] = double(matches) / double(state.iterations());
}
BENCHMARK(StageGrammarNames)->Unit(benchmark::kMillisecond)->UseRealTime();

// resolve() as the tagger calls it: into a chosen vector with working storage kept from one
// document to the next.
void StageResolve(benchmark::State& state) {
  const Candidates& c = candidates();
  const StageCorpus& sc = stage_corpus();
  std::size_t winners = 0, total = 0;
  for (const auto& v : c.candidates) total += v.size();
  std::vector<Candidate> chosen;
  ResolveScratch scratch;
  for (auto _ : state)
    for (std::size_t k = 0; k < sc.docs.size(); ++k) {
      resolve(c.candidates[k], sc.docs[k].tokens.size(), chosen, scratch);
      winners += chosen.size();
    }
  set_bytes(state);
  state.counters["candidates/iter"] = double(total);
  state.counters["winners/iter"] = double(winners) / double(state.iterations());
}
BENCHMARK(StageResolve)->Unit(benchmark::kMillisecond)->UseRealTime();

// The JSONL writer (alam tag --format jsonl, code point offsets) on the tagger's spans.
void StageWriteJsonl(benchmark::State& state) {
  const StageCorpus& c = stage_corpus();
  static const std::vector<std::vector<Span>> spans = [] {
    const Tagger tagger(embedded_gazetteer());
    std::vector<std::vector<Span>> out;
    for (const Doc& d : stage_corpus().docs) out.push_back(tagger.tag(d.original));
    return out;
  }();
  auto writer = make_writer("jsonl", WriterOptions{});
  if (!writer) {
    state.SkipWithError(writer.status().message().c_str());
    return;
  }
  WriterOutput out;
  std::size_t written = 0;
  for (auto _ : state)
    for (std::size_t k = 0; k < c.docs.size(); ++k) {
      out.clear();
      (*writer)->document({.id_json = {}, .text = c.docs[k].original, .spans = spans[k], .source = {}, .line = 0}, out);
      written += out.stream.size();
    }
  set_bytes(state);
  state.counters["out_bytes/iter"] = double(written) / double(state.iterations());
}
BENCHMARK(StageWriteJsonl)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace alam::bench
