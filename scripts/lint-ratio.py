#!/usr/bin/env python3
"""`gloss lint` against the parse-only floor, alternated (docs/performance.md).

    python3 scripts/lint-ratio.py CORPUS RUNS [GLOSS ...]

CORPUS is a generated corpus (`xtask gen-corpus`, e.g. target/bench/distinct-10000),
RUNS how many rounds; each round runs every GLOSS binary given (default:
target/release/gloss) with `lint --format json`, then the floor
(`target/release/xtask parse-floor glossary`), so that a change in the
machine's load falls on all alike. Prints the median wall time of each and
its ratio to the floor's median. Build first:
`cargo build --release -p gloss-cli -p xtask`.
"""
import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    corpus, runs = sys.argv[1], int(sys.argv[2])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
    bins = [os.path.abspath(b) for b in sys.argv[3:]] or [os.path.join(target, "release", "gloss")]
    floor_cmd = [os.path.join(target, "release", "xtask"), "parse-floor", "glossary"]

    def run(cmd: list) -> float:
        started = time.perf_counter()
        subprocess.run(cmd, cwd=corpus, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - started

    lint = {b: [] for b in bins}
    floor = []
    for _ in range(runs):
        for b in bins:
            lint[b].append(run([b, "lint", "--format", "json"]))
        floor.append(run(floor_cmd))
    f = statistics.median(floor)
    for b in bins:
        median = statistics.median(lint[b])
        print(f"{corpus} {b}: lint {median:.3f} s, floor {f:.3f} s, ratio {median / f:.2f}")


if __name__ == "__main__":
    main()
