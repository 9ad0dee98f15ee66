#!/usr/bin/env bash
# Installs clang and its sanitizer and libFuzzer runtimes (Debian: clang, libclang-rt-<N>-dev)
# when missing, for scripts/sanitize.sh and scripts/fuzz.sh. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v clang++ >/dev/null 2>&1 || bash scripts/install-deps.sh clang
clang_major="$(clang++ -dumpversion | cut -d. -f1)"
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' >"$probe/f.cpp"
echo 'int main() { return 0; }' >"$probe/m.cpp"
if ! clang++ -fsanitize=fuzzer,address,undefined -o "$probe/f" "$probe/f.cpp" >/dev/null 2>&1 ||
   ! clang++ -fsanitize=thread -o "$probe/m" "$probe/m.cpp" >/dev/null 2>&1; then
  bash scripts/install-deps.sh "libclang-rt-${clang_major}-dev"
fi
