#!/usr/bin/env bash
# The test suite under clang's sanitizers (docs/reliability.md):
#
#   asan  AddressSanitizer + UndefinedBehaviorSanitizer (-O1, every error fatal) over the whole
#         suite, in build-asan/: the library, alam, every test executable and the libFuzzer
#         targets (which scripts/fuzz.sh can then reuse: FUZZ_BUILD_DIR=build-asan), then all of
#         CTest: unit, CLI (the alam binary is instrumented too), the fuzz seed replays, leaks.
#   tsan  ThreadSanitizer, in build-tsan/: only the library, alam and the tests that start
#         threads (alam_thread_tests: tagger and gazetteer-editor threads; alam_thread_cli_tests:
#         `alam tag -j N` driving the instrumented binary, in one GoogleTest shard per core).
#
#   bash scripts/sanitize.sh              # asan, then tsan
#   bash scripts/sanitize.sh tsan         # one of them
#
# Env: SANITIZE_JOBS (build and ctest parallelism; default: the number of cores);
# ALAM_TEST_LIGHT (default 1 here: the 100 MB-scale hostile-input cases and the 10 MB line run at
# a tenth of their size, the kill test at fewer moments; tests/test_scale.hpp). Packages (clang, compiler-rt) are installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

stages=("$@")
[ "${#stages[@]}" -eq 0 ] && stages=(asan tsan)
jobs="${SANITIZE_JOBS:-$(nproc)}"
export ALAM_TEST_LIGHT="${ALAM_TEST_LIGHT:-1}"

bash scripts/install-deps.sh
bash scripts/install-clang.sh

# configure DIR FLAGS [CMAKE ARGS...]: a clang build with line tables and assertions on, the
# library at -O1 and the rest at -O0 (scripts/sanitize.cmake).
configure() {
  local dir="$1" flags="$2"
  shift 2
  if [ -f "$dir/CMakeCache.txt" ] &&
     ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++' "$dir/CMakeCache.txt"; then
    echo "$dir was configured with another compiler; remove it" >&2
    exit 2
  fi
  CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_SHARED_LINKER_FLAGS="$flags" \
    -DCMAKE_PROJECT_INCLUDE="$PWD/scripts/sanitize.cmake" \
    -DALAM_BUILD_BENCH=OFF -DALAM_INSTALL=ON "$@" >/dev/null
}

# ThreadSanitizer needs a fixed address-space layout on kernels with many ASLR bits.
no_aslr=()
if command -v setarch >/dev/null 2>&1 && setarch "$(uname -m)" -R true 2>/dev/null; then
  no_aslr=(setarch "$(uname -m)" -R)
fi

asan() {
  # No use-after-return instrumentation: detect_stack_use_after_return is off (it is slow).
  local flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
  flags+=" -fno-omit-frame-pointer -fsanitize-address-use-after-return=never"
  configure build-asan "$flags" -DALAM_BUILD_TESTS=ON -DALAM_BUILD_FUZZ=ON -DALAM_FUZZ_ENGINE=libfuzzer
  cmake --build build-asan -j "$jobs"
  (
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:check_initialization_order=1:strict_init_order=1"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    # Install.FindPackageConsumerBuildsAndRuns builds examples/ against this instrumented library.
    export CC=clang CXX=clang++ CFLAGS="$flags" CXXFLAGS="$flags" LDFLAGS="$flags"
    cd build-asan && ctest --output-on-failure -j "$jobs" --timeout 900
  )
}

tsan() {
  configure build-tsan "-fsanitize=thread" -DALAM_BUILD_TESTS=ON -DALAM_BUILD_FUZZ=OFF
  cmake --build build-tsan -j "$jobs" --target alam_thread_tests alam_thread_cli_tests
  (
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
    "${no_aslr[@]}" build-tsan/tests/alam_thread_tests
    # The CLI tests in GoogleTest shards, one process per core (each output printed when done).
    local shard logs=() pids=() failed=0
    for ((shard = 0; shard < jobs; shard++)); do
      logs+=("$(mktemp)")
      GTEST_TOTAL_SHARDS="$jobs" GTEST_SHARD_INDEX="$shard" \
        "${no_aslr[@]}" build-tsan/tests/alam_thread_cli_tests >"${logs[shard]}" 2>&1 &
      pids+=($!)
    done
    for ((shard = 0; shard < jobs; shard++)); do
      wait "${pids[shard]}" || failed=1
      echo "---- alam_thread_cli_tests, shard $((shard + 1)) of $jobs"
      cat "${logs[shard]}"
      rm -f "${logs[shard]}"
    done
    exit "$failed"
  )
}

for stage in "${stages[@]}"; do
  case "$stage" in
    asan) asan ;;
    tsan) tsan ;;
    *) echo "usage: $0 [asan] [tsan]" >&2; exit 2 ;;
  esac
done
