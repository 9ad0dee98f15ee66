#!/usr/bin/env bash
# The main job: install what is missing, build, and tag the bundled example text with the
# embedded default gazetteers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
echo
echo "== alam tag examples/sample.txt (human format) =="
build/apps/alam/alam tag --format human examples/sample.txt
echo
echo "== the same as JSONL (first document) =="
head -n 1 examples/sample.txt | build/apps/alam/alam tag --format jsonl
