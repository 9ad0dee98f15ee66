#!/usr/bin/env bash
# Regenerates the generated gazetteers from their sources, with one command:
#
#   bash scripts/regenerate-gazetteers.sh
#
# It builds the alam binary if needed (in build/, or in $ALAM_BUILD_DIR), then runs
#
#   alam gaz import pci-ids /usr/share/misc/pci.ids -o gazetteers/generated-chips-pciids.gaz --exclude gazetteers
#   alam gaz import icu -o gazetteers/generated-places-icu.gaz --exclude gazetteers
#
# from the repository root. --exclude gazetteers reads the curated files (generated files and
# the output itself are skipped), so no generated alias repeats a curated one. The output
# depends only on pci.ids (Debian package pci.ids; another copy with PCI_IDS=FILE), the ICU
# version that alam links (ICU 72 on Debian 12) and the curated gazetteers: running it twice
# gives the same bytes. Rules: docs/gazetteer-format.md, "Generated gazetteers".
set -euo pipefail
cd "$(dirname "$0")/.."
build="${ALAM_BUILD_DIR:-build}"
pci_ids="${PCI_IDS:-/usr/share/misc/pci.ids}"

if [[ ! -f "$pci_ids" ]]; then
  echo "alam: $pci_ids not found: install the Debian package pci.ids (scripts/install-deps.sh)" >&2
  exit 3
fi
if [[ ! -f "$build/build.ninja" && ! -f "$build/Makefile" ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target alam_cli -j "${ALAM_JOBS:-2}" >/dev/null
alam="$build/apps/alam/alam"

"$alam" gaz import pci-ids "$pci_ids" -o gazetteers/generated-chips-pciids.gaz --exclude gazetteers
"$alam" gaz import icu -o gazetteers/generated-places-icu.gaz --exclude gazetteers
