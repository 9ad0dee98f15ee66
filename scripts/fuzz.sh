#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for a bounded time over
# its seed corpus (fuzz/README.md). Fails on any finding; crashing inputs are left in
# build-fuzz/findings/<target>/.
#
#   FUZZ_SECONDS=300 bash scripts/fuzz.sh            # all targets, 5 minutes each
#   bash scripts/fuzz.sh tagger jsonl                # some targets
#
# Env: FUZZ_SECONDS (default 60) per target, FUZZ_JOBS (default 2) build parallelism,
# FUZZ_BUILD_DIR (default build-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-60}"
jobs="${FUZZ_JOBS:-2}"
build_dir="${FUZZ_BUILD_DIR:-build-fuzz}"
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(normalize_tokenize tagger grammar gazetteer_text compiled_gazetteer jsonl)
fi

# clang with the libFuzzer and sanitizer runtimes (Debian: clang + libclang-rt-<version>-dev).
if ! command -v clang++ >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang
fi
clang_major="$(clang++ -dumpversion | cut -d. -f1)"
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
     clang++ -x c++ -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    "libclang-rt-${clang_major}-dev"
fi
bash scripts/install-deps.sh

if [ -f "$build_dir/CMakeCache.txt" ] &&
   ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++' "$build_dir/CMakeCache.txt"; then
  echo "$build_dir was configured with another compiler; remove it or set FUZZ_BUILD_DIR" >&2
  exit 2
fi
CC=clang CXX=clang++ cmake -S . -B "$build_dir" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DALAM_BUILD_FUZZ=ON -DALAM_FUZZ_ENGINE=libfuzzer \
  -DALAM_BUILD_TESTS=OFF -DALAM_BUILD_BENCH=OFF -DALAM_INSTALL=OFF
build_targets=()
for t in "${targets[@]}"; do build_targets+=("alam_fuzz_$t"); done
cmake --build "$build_dir" -j "$jobs" --target "${build_targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=()
for t in "${targets[@]}"; do
  seeds="fuzz/corpus/$t"
  work="$build_dir/corpus/$t"        # grows during the run; the repo's seeds stay untouched
  findings="$build_dir/findings/$t"
  mkdir -p "$work" "$findings"
  echo "== $t: ${seconds}s over $seeds"
  set +e
  "$build_dir/fuzz/alam_fuzz_$t" -max_total_time="$seconds" -max_len=65536 -timeout=25 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$findings/" \
    "$work" "$seeds" >"$build_dir/fuzz-$t.log" 2>&1
  status=$?
  set -e
  grep -E '^#[0-9]+[[:space:]]+DONE|^SUMMARY|^stat::number_of_executed_units|^stat::average_exec_per_sec|invariant violated|^==[0-9]+==ERROR' \
    "$build_dir/fuzz-$t.log" || true
  if [ "$status" -ne 0 ] || ls "$findings"/* >/dev/null 2>&1; then
    echo "!! $t: finding(s) in $findings (log: $build_dir/fuzz-$t.log)"
    failed+=("$t")
  fi
done

if [ "${#failed[@]}" -ne 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing: no findings in ${targets[*]} (${seconds}s each)"
