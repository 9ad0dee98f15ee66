// Whole-tagger throughput with the embedded gazetteers (bytes of original text/s).
#include <benchmark/benchmark.h>

#include "alam/tagger.hpp"
#include "bench_corpus.hpp"

namespace alam::bench {
namespace {

void TaggerEmbedded(benchmark::State& state) {
  const Tagger tagger(std::make_shared<const Gazetteer>(Gazetteer::embedded().value()));
  std::size_t spans = 0;
  for (auto _ : state)
    for (const std::string& doc : corpus()) spans += tagger.tag(doc).size();
  state.SetBytesProcessed(std::int64_t(state.iterations() * corpus_bytes()));
  state.counters["spans/iter"] = double(spans) / double(state.iterations());
}
BENCHMARK(TaggerEmbedded)->Unit(benchmark::kMillisecond)->UseRealTime();

void TaggerStartup(benchmark::State& state) {
  for (auto _ : state) {
    const Tagger tagger(std::make_shared<const Gazetteer>(Gazetteer::embedded().value()));
    benchmark::DoNotOptimize(tagger.tag("قالت إنفيديا"));
  }
}
BENCHMARK(TaggerStartup)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alam::bench
