// Linear time on hostile input: one 10 MB document of repeated chip-like codes, capitalized
// Latin words, digits, or cue words, against ordinary text of the same size. Throughput should
// stay within 3x of ordinary text per MB.
//   build/bench/alam_bench --benchmark_filter=Adversarial
#include <benchmark/benchmark.h>

#include <string>

#include "alam/tagger.hpp"

namespace alam::bench {
namespace {

std::string repeat_to(std::string_view unit, std::size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s += unit;
  return s;
}

const Tagger& tagger() {
  static const Tagger t(std::make_shared<const Gazetteer>(Gazetteer::embedded().value()));
  return t;
}

void run(benchmark::State& state, const std::string& text) {
  std::size_t spans = 0;
  for (auto _ : state) spans += tagger().tag(text).size();
  state.SetBytesProcessed(std::int64_t(state.iterations() * text.size()));
  state.counters["spans"] = double(spans) / double(state.iterations());
}

constexpr std::size_t kSize = 10'000'000;

void AdversarialOrdinaryText(benchmark::State& state) {
  static const std::string text = repeat_to(
      "قالت شركة SenseTime إن مراكز بياناتها في شنغهاي تعمل برقائق A100 من Nvidia، بينما تقول "
      "إنفيديا إن رقائق A800 وH800 باتت ممنوعة، وخسرت 5.5 مليار دولار في عام 2025. ",
      kSize);
  run(state, text);
}
void AdversarialChipCodes(benchmark::State& state) {
  static const std::string text = repeat_to("A1 ", kSize);
  run(state, text);
}
void AdversarialCapitalizedWords(benchmark::State& state) {
  static const std::string text = repeat_to("Alpha Beta Gamma Research Group Delta ", kSize);
  run(state, text);
}
void AdversarialDigits(benchmark::State& state) {
  static const std::string text = repeat_to("2021 5.9 1,000 12 ", kSize);
  run(state, text);
}
void AdversarialCueWords(benchmark::State& state) {
  static const std::string text = repeat_to("قال شركة رقائق الرئيس مليار دولار في المائة ", kSize);
  run(state, text);
}
void AdversarialNoSpaces(benchmark::State& state) {
  static const std::string text = repeat_to("وبالصينوH800لـNvidia", kSize);
  run(state, text);
}

BENCHMARK(AdversarialOrdinaryText)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
BENCHMARK(AdversarialChipCodes)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
BENCHMARK(AdversarialCapitalizedWords)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
BENCHMARK(AdversarialDigits)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
BENCHMARK(AdversarialCueWords)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
BENCHMARK(AdversarialNoSpaces)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

}  // namespace
}  // namespace alam::bench
