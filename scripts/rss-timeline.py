#!/usr/bin/env python3
"""A process's resident memory over time (docs/performance.md).

    python3 scripts/rss-timeline.py PATTERN [INTERVAL_MS]

Waits for a process whose command line matches PATTERN (`pgrep -f`), then
prints `seconds-since-epoch MiB` every INTERVAL_MS (default 3) until it
exits, and on stderr the peak and when it was. The language server's
`GLOSS_LSP_TRACE=1` output says, on the same clock, when it starts to
check each chunk of docs: together they show which chunk of docs a peak belongs to.
For example, beside a benchmark:

    GLOSS_LSP_TRACE=1 target/release/examples/lsp_bench --server target/release/gloss \\
        --corpus target/bench/docs-heavy-10000 2> trace.txt &
    python3 scripts/rss-timeline.py 'release/gloss lsp' > rss.txt
"""
import os
import subprocess
import sys
import time


def ancestors() -> set:
    """This process and every process above it."""
    out, pid = set(), os.getpid()
    while pid > 1 and pid not in out:
        out.add(pid)
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return out


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pattern = sys.argv[1]
    interval = float(sys.argv[2]) / 1000 if len(sys.argv) > 2 else 0.003
    pid = None
    deadline = time.time() + 60
    while pid is None and time.time() < deadline:
        found = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout.split()
        # Not this script nor what started it (`timeout`, a shell), whose
        # command lines hold the pattern too.
        found = [p for p in found if int(p) not in ancestors()]
        pid = found[0] if found else None
        if pid is None:
            time.sleep(0.01)
    if pid is None:
        sys.exit(f"no process matches {pattern!r}")
    peak = (0.0, 0)
    while True:
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as f:
                status = f.read()
        except OSError:
            break
        line = next((l for l in status.splitlines() if l.startswith("VmRSS:")), None)
        if line is None:
            break
        mib = int(line.split()[1]) // 1024
        now = time.time()
        print(f"{now:.3f} {mib}", flush=False)
        if mib > peak[1]:
            peak = (now, mib)
        time.sleep(interval)
    print(f"peak {peak[1]} MiB at {peak[0]:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
