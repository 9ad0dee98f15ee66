#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (in build-fuzz/) and runs each for a bounded time over
# its seed corpus (fuzz/README.md). Fails on any finding; crashing inputs are left in
# WORK/findings/<target>/.
#
#   FUZZ_SECONDS=300 bash scripts/fuzz.sh            # all targets, 5 minutes each
#   bash scripts/fuzz.sh tagger jsonl                # some targets
#   FUZZ_PARALLEL=2 FUZZ_BUILD_DIR=build-asan FUZZ_WORK_DIR=build-fuzz bash scripts/fuzz.sh
#                                                    # what scripts/test.sh runs
#
# Env: FUZZ_SECONDS (default 60) per target; FUZZ_PARALLEL (default 1) targets run at once, one
# core each; FUZZ_JOBS (default 2) build parallelism; FUZZ_BUILD_DIR (default build-fuzz): where
# the targets are built (a folder already configured with ALAM_FUZZ_ENGINE=libfuzzer, such as
# scripts/sanitize.sh's build-asan, is reused as it is); FUZZ_WORK_DIR (default FUZZ_BUILD_DIR):
# where the growing corpora, findings and logs go.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-60}"
parallel="${FUZZ_PARALLEL:-1}"
jobs="${FUZZ_JOBS:-2}"
build_dir="${FUZZ_BUILD_DIR:-build-fuzz}"
work_dir="${FUZZ_WORK_DIR:-$build_dir}"
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(normalize_tokenize tagger grammar gazetteer_text compiled_gazetteer jsonl)
fi

bash scripts/install-deps.sh
bash scripts/install-clang.sh

if [ -f "$build_dir/CMakeCache.txt" ] &&
   ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++' "$build_dir/CMakeCache.txt"; then
  echo "$build_dir was configured with another compiler; remove it or set FUZZ_BUILD_DIR" >&2
  exit 2
fi
if ! grep -q '^ALAM_FUZZ_ENGINE:[A-Z]*=libfuzzer' "$build_dir/CMakeCache.txt" 2>/dev/null; then
  CC=clang CXX=clang++ cmake -S . -B "$build_dir" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DALAM_BUILD_FUZZ=ON -DALAM_FUZZ_ENGINE=libfuzzer \
    -DALAM_BUILD_TESTS=OFF -DALAM_BUILD_BENCH=OFF -DALAM_INSTALL=OFF
fi
build_targets=()
for t in "${targets[@]}"; do build_targets+=("alam_fuzz_$t"); done
cmake --build "$build_dir" -j "$jobs" --target "${build_targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# fuzz_one TARGET: runs it for $seconds; its status is the fuzzer's.
fuzz_one() {
  local t="$1"
  local seeds="fuzz/corpus/$t"
  local work="$work_dir/corpus/$t"        # grows during the run; the repo's seeds stay untouched
  local findings="$work_dir/findings/$t"
  mkdir -p "$work" "$findings"
  "$build_dir/fuzz/alam_fuzz_$t" -max_total_time="$seconds" -max_len=65536 -timeout=25 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$findings/" \
    "$work" "$seeds" >"$work_dir/fuzz-$t.log" 2>&1
}

mkdir -p "$work_dir"
declare -A target_of status_of
running=0
reap() {  # waits for one fuzzer to end and records its status
  local pid status
  set +e
  wait -n -p pid
  status=$?
  set -e
  status_of[${target_of[$pid]}]=$status
  running=$((running - 1))
}
for t in "${targets[@]}"; do
  rm -f "$work_dir/findings/$t"/* 2>/dev/null || true
  echo "== $t: ${seconds}s over fuzz/corpus/$t"
  fuzz_one "$t" &
  target_of[$!]="$t"
  running=$((running + 1))
  if [ "$running" -ge "$parallel" ]; then reap; fi
done
while [ "$running" -gt 0 ]; do reap; done

failed=()
for t in "${targets[@]}"; do
  log="$work_dir/fuzz-$t.log"
  echo "-- $t (exit ${status_of[$t]}):"
  grep -E '^#[0-9]+[[:space:]]+DONE|^SUMMARY|^stat::number_of_executed_units|^stat::average_exec_per_sec|invariant violated|^==[0-9]+==ERROR' \
    "$log" || true
  if [ "${status_of[$t]}" -ne 0 ] || ls "$work_dir/findings/$t"/* >/dev/null 2>&1; then
    echo "!! $t: finding(s) in $work_dir/findings/$t (log: $log)"
    tail -n 40 "$log"
    failed+=("$t")
  fi
done

if [ "${#failed[@]}" -ne 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing: no findings in ${targets[*]} (${seconds}s each, $parallel at a time)"
