#!/usr/bin/env bash
# The whole test suite: install what is missing, build with tests, run CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DALAM_BUILD_TESTS=ON -DALAM_BUILD_FUZZ=ON
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 900
