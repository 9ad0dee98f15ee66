// The text the benchmarks run on: the file named by $ALAM_BENCH_CORPUS (one document per line,
// e.g. corpus.txt from ../shared/bench/gen_corpus.py), or a built-in mixed paragraph repeated.
#pragma once

#include <string>
#include <vector>

namespace alam::bench {

// The documents, read once; at most $ALAM_BENCH_MB megabytes (default 100).
const std::vector<std::string>& corpus();
// Total bytes of corpus().
std::size_t corpus_bytes();

}  // namespace alam::bench
