#!/usr/bin/env bash
# The whole test suite, what CI runs (.ci/run): install what is missing, then
#   release  Release build with tests (build/), CTest
#   asan     clang ASan+UBSan build of the whole suite and the fuzz targets (build-asan/), CTest
#   tsan     clang TSan build of the threaded tests and `alam tag -j` (build-tsan/), run
#   fuzz     every libFuzzer target for FUZZ_SECONDS (default 30 here) over its seeds, two at a time,
#            with build-asan's binaries (corpora, findings and logs in build-fuzz/)
# Every stage runs; the script fails when any failed, after a table of the stages' wall times.
#
#   TEST_STAGES="release" bash scripts/test.sh     # a subset (default: release asan tsan fuzz)
set -uo pipefail
cd "$(dirname "$0")/.."

stages=(${TEST_STAGES:-release asan tsan fuzz})
export FUZZ_SECONDS="${FUZZ_SECONDS:-30}"

run_release() {
  bash scripts/build.sh -DALAM_BUILD_TESTS=ON -DALAM_BUILD_FUZZ=ON &&
    (cd build && ctest --output-on-failure -j "$(nproc)" --timeout 900)
}
run_asan() { bash scripts/sanitize.sh asan; }
run_tsan() { bash scripts/sanitize.sh tsan; }
run_fuzz() {
  # Reuses build-asan (clang, ASan+UBSan, libFuzzer targets) when the asan stage built it.
  FUZZ_PARALLEL="${FUZZ_PARALLEL:-2}" FUZZ_BUILD_DIR="${FUZZ_BUILD_DIR:-build-asan}" \
    FUZZ_WORK_DIR="${FUZZ_WORK_DIR:-build-fuzz}" bash scripts/fuzz.sh
}

# cpu_now: sets CPU to the CPU seconds (user + system) of the finished child processes so far,
# from bash's `times` (run in this shell: a $(…) subshell would count only its own children).
times_file="$(mktemp)"
trap 'rm -f "$times_file"' EXIT
cpu_now() {
  times >"$times_file"
  CPU=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/)
                       printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$times_file")
}
mmss() { printf '%3dm%02ds' $(($1 / 60)) $(($1 % 60)); }

bash scripts/install-deps.sh || exit 1
failed=()
report=""
total_start=$SECONDS
cpu_now
total_cpu=$CPU
for stage in "${stages[@]}"; do
  echo "==== test.sh: $stage"
  start=$SECONDS
  cpu_now
  stage_cpu=$CPU
  if "run_$stage"; then result=ok; else result=FAILED; failed+=("$stage"); fi
  cpu_now
  report+="$(printf '%-8s %-6s %s  %s' "$stage" "$result" "$(mmss $((SECONDS - start)))" \
             "$(mmss $((CPU - stage_cpu)))")"$'\n'
done
cpu_now
echo "==== test.sh: wall and CPU (user + system) time per stage"
printf '%-8s %-6s %7s  %7s\n' stage result wall cpu
printf '%s' "$report"
printf '%-8s %-6s %s  %s\n' total "" "$(mmss $((SECONDS - total_start)))" \
  "$(mmss $((CPU - total_cpu)))"
if [ "${#failed[@]}" -ne 0 ]; then
  echo "test.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "test.sh: all stages passed"
