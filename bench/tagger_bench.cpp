// Whole-tagger throughput with the embedded gazetteers (bytes of original text/s).
#include <benchmark/benchmark.h>

#include <cstdlib>

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

namespace alam::bench {
namespace {

// Loading a compiled gazetteer: $ALAM_BENCH_COMPILED (from alam gaz compile).
void GazetteerLoadCompiled(benchmark::State& state) {
  const char* path = std::getenv("ALAM_BENCH_COMPILED");
  if (!path) {
    state.SkipWithError("set ALAM_BENCH_COMPILED to a compiled gazetteer");
    return;
  }
  for (auto _ : state) {
    auto g = Gazetteer::load_compiled(path);
    if (!g) state.SkipWithError(g.status().message().c_str());
    benchmark::DoNotOptimize(g);
  }
}
BENCHMARK(GazetteerLoadCompiled)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace alam::bench
