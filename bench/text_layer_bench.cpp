// Text layer throughput: normalization, tokenization, and both (bytes of original text/s).
//   ALAM_BENCH_CORPUS=corpus.txt build/bench/alam_bench --benchmark_filter=Text
#include <benchmark/benchmark.h>

#include "alam/normalizer.hpp"
#include "alam/tokenizer.hpp"
#include "bench_corpus.hpp"

namespace alam::bench {
namespace {

void TextNormalize(benchmark::State& state) {
  const Normalizer norm;
  for (auto _ : state)
    for (const std::string& doc : corpus()) benchmark::DoNotOptimize(norm.normalize(doc));
  state.SetBytesProcessed(std::int64_t(state.iterations() * corpus_bytes()));
}
BENCHMARK(TextNormalize)->Unit(benchmark::kMillisecond)->UseRealTime();

void TextTokenize(benchmark::State& state) {
  const Normalizer norm;
  std::vector<std::string> normalized;
  for (const std::string& doc : corpus()) normalized.push_back(norm.normalize_text(doc));
  for (auto _ : state)
    for (const std::string& doc : normalized) benchmark::DoNotOptimize(tokenize(doc));
  state.SetBytesProcessed(std::int64_t(state.iterations() * corpus_bytes()));
}
BENCHMARK(TextTokenize)->Unit(benchmark::kMillisecond)->UseRealTime();

void TextNormalizeAndTokenize(benchmark::State& state) {
  const Normalizer norm;
  for (auto _ : state)
    for (const std::string& doc : corpus()) {
      const NormalizedText n = norm.normalize(doc);
      benchmark::DoNotOptimize(tokenize(n.text));
    }
  state.SetBytesProcessed(std::int64_t(state.iterations() * corpus_bytes()));
}
BENCHMARK(TextNormalizeAndTokenize)->Unit(benchmark::kMillisecond)->UseRealTime();

// What the tagger calls: the same results, with the per-thread piece cache (piece_cache.hpp),
// reusing the output's storage from one document to the next.
void TextNormalizeAndTokenizeCached(benchmark::State& state) {
  const Normalizer norm;
  NormalizedText n;
  std::vector<Token> tokens;
  for (auto _ : state)
    for (const std::string& doc : corpus()) {
      norm.normalize_and_tokenize(doc, n, tokens);
      benchmark::DoNotOptimize(tokens.data());
    }
  state.SetBytesProcessed(std::int64_t(state.iterations() * corpus_bytes()));
}
BENCHMARK(TextNormalizeAndTokenizeCached)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace alam::bench
