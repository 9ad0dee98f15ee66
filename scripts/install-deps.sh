#!/usr/bin/env bash
# Installs the Debian packages alam needs to build and test, if any are missing.
# Run as root on Debian 12 (bookworm). Safe to run again: it does nothing when all are present.
set -euo pipefail

packages=(
  g++ cmake ninja-build        # toolchain (C++20, CMake >= 3.25)
  libicu-dev                   # normalization, character properties, case folding
  libboost1.81-dev             # Spirit X3 grammars, Boost.JSON (header-only)
  libcli11-dev libfmt-dev      # command line
  libgtest-dev                 # tests
  pci.ids                      # GPU/accelerator names for gazetteers/generated-chips-pciids.gaz
  chromium fonts-dejavu-core   # the HTML view test renders pages in headless Chromium
  parallel                     # tests/scaling_test.cpp: GNU parallel --pipe over N alam processes
)
packages+=("$@")  # callers may ask for more (benchmarks: libbenchmark-dev ripgrep)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "alam: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
