#!/usr/bin/env python3
"""Two alam binaries timed side by side, or alternately (docs/performance.md, top).

    python3 bench/paired_runs.py INPUT RUNS OLD_ALAM NEW_ALAM [alam tag options …]
    python3 bench/paired_runs.py corpus.txt 10 /tmp/alam-old build/apps/alam/alam \\
        --gazetteer g100k.alamc --format jsonl

OLD_ALAM and NEW_ALAM may carry options of their own, quoted, which go before the common ones:
when the change is to the compiled-gazetteer format, each binary must read an image compiled
by its own commit (and images compiled by different commits can differ in speed by themselves,
so compile both from the same TSV at the same time):

    python3 bench/paired_runs.py corpus.txt 10 "/tmp/alam-old --gazetteer old.alamc" \\
        "build/apps/alam/alam --gazetteer new.alamc" --format jsonl

The project's machine is a shared virtual machine whose speed drifts by up to ±30 % from one
minute to the next, which hides changes of a few percent when two binaries are timed one after
the other. Here each run starts both binaries at the same moment, one pinned to each of the two
cores (swapped from one run to the next), on the same input, so both see the same machine. Each
one's CPU time (user + system, from the kernel's accounting of the process) is taken, and the
median of the per-run ratios NEW/OLD is the figure: below 1 the new binary is faster. Output
goes to /dev/null. Needs taskset (util-linux) and two cores.

    python3 bench/paired_runs.py --alternate INPUT RUNS OLD_ALAM NEW_ALAM [options …]

runs the two one after the other instead, alone on the machine (not pinned), the order swapped
from one run to the next, and takes the median of the per-run ratios of their wall times: what
bench/whole_program.sh measures. Side by side, each process shares the last-level cache and
the memory bus with the other, and a saving can shrink: a knock-out that saved 10–12 % of the
wall time alone measured 0.99 side by side (docs/performance.md, the round of
2026-11-29, 18:45). Drift from one minute to the next is larger here, so use more runs.
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    alternate = bool(args) and args[0] == "--alternate"
    if alternate:
        args = args[1:]
    if len(args) < 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    inp, runs, old, new = args[0], int(args[1]), args[2], args[3]
    options = args[4:] or ["--format", "jsonl"]
    if not alternate and (os.cpu_count() or 1) < 2:
        print("paired_runs.py: needs two cores", file=sys.stderr)
        return 2

    def start(command: str, core: int | None) -> subprocess.Popen:
        binary, *own = shlex.split(command)
        pin = ["taskset", "-c", str(core)] if core is not None else []
        with open(inp, "rb") as f:
            return subprocess.Popen([*pin, binary, "tag", *own, *options],
                                    stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    t_old, t_new, ratios = [], [], []
    for r in range(runs):
        took, status = {}, {}  # seconds per pid: wall time alternated, CPU time side by side
        if alternate:  # one after the other, alone; the order swapped every run
            procs = [None, None]
            for k in ((0, 1) if r % 2 == 0 else (1, 0)):
                began = time.monotonic()
                procs[k] = start((old, new)[k], None)
                pid, st, _ = os.wait4(procs[k].pid, 0)
                took[pid], status[pid] = time.monotonic() - began, st
            p_old, p_new = procs
        else:
            p_old, p_new = (start(old, 0), start(new, 1)) if r % 2 == 0 else (start(old, 1), start(new, 0))
            for _ in range(2):
                pid, st, usage = os.wait4(-1, 0)
                took[pid], status[pid] = usage.ru_utime + usage.ru_stime, st
        for p in (p_old, p_new):
            if status[p.pid] != 0:
                code = os.waitstatus_to_exitcode(status[p.pid])
                print(f"paired_runs.py: {shlex.join(p.args[3:] if p.args[0] == 'taskset' else p.args)} exited with status {code}",
                      file=sys.stderr)
                return 1
        t_old.append(took[p_old.pid])
        t_new.append(took[p_new.pid])
        ratios.append(took[p_new.pid] / took[p_old.pid])
    what = "wall s" if alternate else "CPU s"
    print(f"old {old}: {what} min {min(t_old):.3f} median {statistics.median(t_old):.3f}")
    print(f"new {new}: {what} min {min(t_new):.3f} median {statistics.median(t_new):.3f}")
    mode = "alternated" if alternate else "paired"
    print(f"new/old, {runs} {mode} runs: median {statistics.median(ratios):.3f} "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
