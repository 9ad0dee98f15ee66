#!/usr/bin/env bash
# Whole-program benchmark (docs/performance.md, "Whole program"): alam next to ripgrep.
#
#   bash bench/whole_program.sh
#   ALAM_BENCH_SIZES=100000 ALAM_BENCH_RUNS=5 bash bench/whole_program.sh
#   ALAM_BENCH_CORPUS=/tmp/benchdata/corpus.txt ALAM_BENCH_GAZETTEER=/tmp/gaz1m/gazetteer.tsv \
#       bash bench/whole_program.sh          # reuse data made earlier with gen_corpus.py
#
# 1. installs what it needs through scripts/install-deps.sh (ripgrep, GNU time, python3, …);
# 2. builds alam and the micro-benchmarks, Release, in its own build folder;
# 3. generates the data with ../shared/bench/gen_corpus.py, only what is missing: a 100 MB
#    corpus and one gazetteer TSV with the largest size's rows (the generator is prefix-stable:
#    the first N rows of the 1M file are the N-row file, and its patterns are the alias column);
# 4. per gazetteer size: `alam gaz import` and `alam gaz compile` (timed, peak RSS), the load
#    of the compiled file (micro-benchmark GazetteerLoadCompiled, median) and the start-up of
#    `alam tag --gazetteer X.alamc` on one line;
# 5. per gazetteer size, RUNS times and alternately:
#      alam tag --gazetteer X.alamc --format jsonl < corpus > /dev/null
#      alam tag -j JOBS …                    (when `alam tag --help` lists -j)
#      rg -F --count-matches -f patterns.txt corpus > /dev/null   (the same names)
#    wall time and peak RSS of each run (GNU time);
# 6. prints the tables (median time and MB/s, peak RSS, ratio of alam's MB/s to rg's) and
#    writes them as Markdown; the raw measurements stay in a TSV file next to it.
#
# MB are 10^6 bytes. Environment (defaults in brackets):
#   ALAM_BENCH_WORK          work folder [/tmp/alam-bench]
#   ALAM_BENCH_CORPUS        corpus, one document per line [$WORK/corpus.txt]
#   ALAM_BENCH_CORPUS_MB     size of a generated corpus [100]
#   ALAM_BENCH_GAZETTEER     gen_corpus.py TSV with at least the largest size's rows
#                            [$WORK/gazetteer.tsv]
#   ALAM_BENCH_SIZES         gazetteer rows to measure [100000 1000000]
#   ALAM_BENCH_RUNS          runs of each timed command [3]
#   ALAM_BENCH_STARTUP_RUNS  runs of each start-up measurement [20]
#   ALAM_BENCH_JOBS          N of the `alam tag -j N` runs [number of cores]
#   ALAM_BENCH_BUILD_DIR     build folder [build-bench]
#   ALAM_BENCH_OUTPUT        Markdown results [$WORK/results.md]
#   ALAM_BENCH_NO_INSTALL=1  do not run scripts/install-deps.sh (not root, or offline)
#   ALAM_SHARED_DIR          the shared folder with bench/gen_corpus.py [../shared]
set -euo pipefail

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
fi
if (($#)); then
  echo "whole_program.sh: no arguments expected (settings are environment variables; see --help)" >&2
  exit 2
fi

cd "$(dirname "$0")/.."
root="$PWD"
die() {
  echo "whole_program.sh: $*" >&2
  exit 1
}

work="${ALAM_BENCH_WORK:-/tmp/alam-bench}"
corpus="${ALAM_BENCH_CORPUS:-$work/corpus.txt}"
corpus_mb="${ALAM_BENCH_CORPUS_MB:-100}"
gazetteer_tsv="${ALAM_BENCH_GAZETTEER:-$work/gazetteer.tsv}"
read -r -a sizes <<<"${ALAM_BENCH_SIZES:-100000 1000000}"
runs="${ALAM_BENCH_RUNS:-3}"
startup_runs="${ALAM_BENCH_STARTUP_RUNS:-20}"
jobs="${ALAM_BENCH_JOBS:-$(nproc)}"
build="${ALAM_BENCH_BUILD_DIR:-build-bench}"
output="${ALAM_BENCH_OUTPUT:-$work/results.md}"
shared="${ALAM_SHARED_DIR:-$root/../shared}"
gen="$shared/bench/gen_corpus.py"

((${#sizes[@]})) || die "ALAM_BENCH_SIZES is empty"
for n in "${sizes[@]}" "$runs" "$startup_runs" "$jobs" "$corpus_mb"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "not a positive whole number: '$n' (ALAM_BENCH_SIZES, _RUNS, _STARTUP_RUNS, _JOBS, _CORPUS_MB)"
done
max_rows=0
for n in "${sizes[@]}"; do
  if ((n > max_rows)); then max_rows=$n; fi
done
mkdir -p "$work"

# What data is missing: checked now, generated after the build (step 3).
rows_of() { wc -l <"$1" | tr -d ' '; }
need_corpus=0 need_gazetteer=0
[[ -s "$corpus" ]] || need_corpus=1
if [[ ! -s "$gazetteer_tsv" ]] || (($(rows_of "$gazetteer_tsv") < max_rows)); then
  need_gazetteer=1
fi
if ((need_corpus)) && [[ -n "${ALAM_BENCH_CORPUS:-}" ]]; then
  die "ALAM_BENCH_CORPUS=$corpus does not exist or is empty"
fi
if ((need_gazetteer)) && [[ -n "${ALAM_BENCH_GAZETTEER:-}" ]]; then
  die "ALAM_BENCH_GAZETTEER=$gazetteer_tsv is missing or has fewer than $max_rows rows (ALAM_BENCH_SIZES)"
fi
if ((need_corpus || need_gazetteer)) && [[ ! -f "$gen" ]]; then
  die "$gen not found: the data generator lives in the shared folder next to the \
repository (../shared; set ALAM_SHARED_DIR), or point ALAM_BENCH_CORPUS and \
ALAM_BENCH_GAZETTEER at data made with it"
fi

# --- 1. dependencies --------------------------------------------------------------------------
if [[ "${ALAM_BENCH_NO_INSTALL:-0}" != 1 ]]; then
  bash scripts/install-deps.sh libbenchmark-dev ripgrep python3 time
fi
for tool in rg python3 cmake ninja; do
  command -v "$tool" >/dev/null || die "$tool is not installed (bash scripts/install-deps.sh libbenchmark-dev ripgrep python3 time)"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is not installed (bash scripts/install-deps.sh time)"

# --- 2. build ---------------------------------------------------------------------------------
echo "== building alam (Release) in $build" >&2
build_log="$work/build.log"
if ! cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DALAM_BUILD_BENCH=ON \
     >"$build_log" 2>&1; then
  tail -n 30 "$build_log" >&2
  die "configuring $build failed (log: $build_log)"
fi
grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$build/CMakeCache.txt" ||
  die "$build is not a Release build; remove it or set ALAM_BENCH_BUILD_DIR"
if ! cmake --build "$build" --target alam_cli alam_bench -j "$(nproc)" >>"$build_log" 2>&1; then
  grep -E -A5 'error|FAILED' "$build_log" | head -n 40 >&2 || tail -n 30 "$build_log" >&2
  die "the build failed: cmake --build $build --target alam_cli alam_bench (log: $build_log)"
fi
alam="$root/$build/apps/alam/alam"
alam_bench="$root/$build/bench/alam_bench"

# --- 3. data ---------------------------------------------------------------------------------
if ((need_corpus || need_gazetteer)); then
  tmp="$work/gen.tmp"
  rm -rf "$tmp"
  # The corpus mentions the first min(entries, 100000) rows, so it is the same for any
  # --entries of 100000 or more.
  entries=$((need_gazetteer ? max_rows : 100000))
  if ((need_corpus && entries < 100000)); then entries=100000; fi
  size=$((need_corpus ? corpus_mb : 0))
  echo "== generating data: $gen --entries $entries --size-mb $size" >&2
  python3 "$gen" --out-dir "$tmp" --entries "$entries" --size-mb "$size" -q
  if ((need_corpus)); then mv "$tmp/corpus.txt" "$corpus"; fi
  if ((need_gazetteer)); then mv "$tmp/gazetteer.tsv" "$gazetteer_tsv"; fi
  rm -rf "$tmp"
fi
corpus_bytes=$(stat -c %s "$corpus")
echo "== corpus $corpus ($corpus_bytes bytes), gazetteer $gazetteer_tsv ($(rows_of "$gazetteer_tsv") rows)" >&2

# --- measuring --------------------------------------------------------------------------------
stamp=$(date +%Y%m%d-%H%M%S)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
raw="$work/raw-$stamp.tsv"  # what, rows, run, seconds, peak RSS KB
printf 'what\trows\trun\tseconds\trss_kb\n' >"$raw"
errlog="$work/stderr.log"
timefile="$work/time.out"

# measure WHAT ROWS RUN INPUT OK_STATUSES COMMAND...: runs COMMAND < INPUT > /dev/null, appends
# wall seconds and peak RSS to the raw file. OK_STATUSES: exit statuses that count as success.
measure() {
  local what=$1 rows=$2 run=$3 input=$4 ok=$5
  shift 5
  local t0 t1 status
  t0=$(date +%s%N)
  set +e
  /usr/bin/time -f '%M' -o "$timefile" "$@" <"$input" >/dev/null 2>"$errlog"
  status=$?
  set -e
  t1=$(date +%s%N)
  if [[ " $ok " != *" $status "* ]]; then
    echo "whole_program.sh: '$*' exited with status $status:" >&2
    tail -n 5 "$errlog" >&2
    exit 1
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$what" "$rows" "$run" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')" \
    "$(tail -n 1 "$timefile")" >>"$raw"
}

one_line="$work/one-line.txt"
printf '%s\n' 'قالت إنفيديا إن رقائق A800 وH800 لـNvidia بالصين' >"$one_line"
has_jobs=0
if "$alam" tag --help | grep -E '(^|[ ,])-j[, ]' >/dev/null; then has_jobs=1; fi

echo "== start-up, embedded gazetteers ($startup_runs runs)" >&2
for ((r = 1; r <= startup_runs; r++)); do
  measure startup-embedded 0 "$r" "$one_line" 0 "$alam" tag --format jsonl
done

for rows in "${sizes[@]}"; do
  tsv="$work/gazetteer-$rows.tsv" patterns="$work/patterns-$rows.txt"
  gaz="$work/gazetteer-$rows.gaz" compiled="$work/gazetteer-$rows.alamc"
  head -n "$rows" "$gazetteer_tsv" >"$tsv"
  cut -f3 "$tsv" >"$patterns"  # patterns.txt of gen_corpus.py: the alias column as written
  echo "== $rows rows: import, compile, load" >&2
  measure import "$rows" 1 /dev/null 0 "$alam" gaz import tsv "$tsv" -o "$gaz"
  measure compile "$rows" 1 /dev/null 0 "$alam" gaz compile "$gaz" -o "$compiled"
  printf 'image\t%s\t1\t%s\t0\n' "$rows" "$(stat -c %s "$compiled")" >>"$raw"
  ALAM_BENCH_COMPILED="$compiled" "$alam_bench" --benchmark_filter='^GazetteerLoadCompiled(/|$)' \
    --benchmark_repetitions="$runs" --benchmark_format=json 2>/dev/null |
    python3 -c '
import json, sys
rows = sys.argv[1]
try:
    results = json.load(sys.stdin)["benchmarks"]
except ValueError:
    print("whole_program.sh: warning: no result from alam_bench GazetteerLoadCompiled", file=sys.stderr)
    sys.exit(0)
for b in results:
    if b.get("run_type") == "iteration":
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        print("load\t%s\t%d\t%.6f\t0" % (rows, b.get("repetition_index", 0) + 1, b["real_time"] * scale))
' "$rows" >>"$raw" || echo "whole_program.sh: warning: alam_bench GazetteerLoadCompiled failed" >&2
  for ((r = 1; r <= startup_runs; r++)); do
    measure startup "$rows" "$r" "$one_line" 0 "$alam" tag --gazetteer "$compiled" --format jsonl
  done

  echo "== $rows rows: tagging the corpus, $runs runs each, alternately" >&2
  cat "$corpus" "$compiled" "$patterns" >/dev/null  # into the page cache before the first run
  for ((r = 1; r <= runs; r++)); do
    measure alam "$rows" "$r" "$corpus" 0 "$alam" tag --gazetteer "$compiled" --format jsonl
    if ((has_jobs)); then
      measure "alam -j $jobs" "$rows" "$r" "$corpus" 0 \
        "$alam" tag -j "$jobs" --gazetteer "$compiled" --format jsonl
    fi
    # rg exits 1 when nothing matched; that is a result, not an error.
    measure rg "$rows" "$r" /dev/null "0 1" rg -F --count-matches -f "$patterns" "$corpus"
  done
done

# --- report -----------------------------------------------------------------------------------
machine="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores, \
$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
# sed, not head: a reader that stops early breaks the pipe, and rg --version then fails.
versions="$("$alam" --version | sed -n 1p); $(rg --version | sed -n 1p)"
load="load average (1, 5, 15 min) $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
python3 - "$raw" "$output" "$corpus_bytes" "$corpus" "$machine" "$versions" "$runs" \
  "$startup_runs" "$has_jobs" "$load" <<'EOF'
import csv, datetime, statistics, sys

raw, output, corpus_bytes, corpus, machine, versions, runs, startup_runs, has_jobs, load = sys.argv[1:]
corpus_bytes = int(corpus_bytes)
data = {}
for row in csv.DictReader(open(raw), delimiter="\t"):
    data.setdefault((row["what"], int(row["rows"])), []).append(
        (float(row["seconds"]), int(row["rss_kb"] or 0)))

def med(key):
    return statistics.median(s for s, _ in data[key])

def peak_mb(key):
    return max(k for _, k in data[key]) * 1024 / 1e6

sizes = sorted({rows for (what, rows) in data if what == "alam"})
lines = []
out = lines.append
out(f"Measured {datetime.date.today().isoformat()} on {machine}; {versions}; {load}.")
out("")
out(f"Tagging `{corpus}` ({corpus_bytes / 1e6:.1f} MB), median of {runs} runs each, run alternately "
    "(MB = 10^6 bytes; ratio = MB/s of the row / MB/s of rg with the same names):")
out("")
out("| tool | gazetteer rows | median s | median MB/s | peak RSS MB | ratio alam/rg | runs s (min–max) |")
out("|---|---:|---:|---:|---:|---:|---:|")
for rows in sizes:
    rg = med(("rg", rows))
    tools = ["alam"] + sorted(w for (w, r) in data if r == rows and w.startswith("alam -j")) + ["rg"]
    for tool in tools:
        s = med((tool, rows))
        ratio = "" if tool == "rg" else f"{rg / s:.2f}"
        times = [t for t, _ in data[(tool, rows)]]
        out(f"| `{tool}` | {rows:,} | {s:.2f} | {corpus_bytes / 1e6 / s:.1f} | "
            f"{peak_mb((tool, rows)):.0f} | {ratio} | {min(times):.2f}–{max(times):.2f} |")
if has_jobs != "1":
    out("")
    out("(`alam tag --help` lists no `-j`: no multi-threaded run.)")
out("")
out(f"Gazetteers (import and compile: one run each; load: median of {runs} runs of the "
    f"GazetteerLoadCompiled micro-benchmark; start-up: median wall time of `alam tag` on one "
    f"line, {startup_runs} runs):")
out("")
out("| gazetteer rows | import s | import peak RSS MB | compile s | compile peak RSS MB | "
    ".alamc MB | load ms | start-up ms |")
out("|---:|---:|---:|---:|---:|---:|---:|---:|")
for rows in sizes:
    load = f"{med(('load', rows)) * 1e3:.1f}" if ("load", rows) in data else "n/a"
    out(f"| {rows:,} | {med(('import', rows)):.2f} | {peak_mb(('import', rows)):.0f} | "
        f"{med(('compile', rows)):.2f} | {peak_mb(('compile', rows)):.0f} | "
        f"{med(('image', rows)) / 1e6:.1f} | {load} | {med(('startup', rows)) * 1e3:.1f} |")
out(f"| embedded | | | | | | | {med(('startup-embedded', 0)) * 1e3:.1f} |")
text = "\n".join(lines) + "\n"
print()
print(text, end="")
with open(output, "w") as f:
    f.write(text)
print(f"\n(Markdown: {output}; raw measurements: {raw})")
EOF
