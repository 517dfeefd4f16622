#!/usr/bin/env python3
"""Where `gloss lint` spends its CPU, by phase (docs/performance.md).

    perf record -F 1000 --call-graph dwarf,16384 -o /tmp/lint.perf \
        target/release/gloss lint --format json > /dev/null
    perf script -i /tmp/lint.perf -F comm,tid,ip,sym > /tmp/lint.stacks
    python3 scripts/perf-phases.py /tmp/lint.stacks [TOP]

Each sample is put in the phase of the outermost gloss function on its
stack that names one (reading term files, checking them, reading docs,
checking docs, building the mention automaton, rendering, ...); the
samples of no phase are "other". Prints each phase's share of all
samples (on two cores, 1,000 samples a second are about a second of CPU)
and its TOP (default 5) functions by self time.
"""
import collections
import re
import sys

# (phase, a function name that marks it), outermost first wins.
PHASES = [
    ("check terms", "TermFile::check"),
    ("parse terms", "read_found"),
    ("read docs", "markdown_doc"),
    ("read docs", "read_docs"),
    ("check docs", "check_doc"),
    ("render", "render::"),
    ("automaton", "MentionIndex::from_forms"),
    ("automaton", "for_batch"),
    ("prepare", "Prepared::new"),
    ("prepare", "MentionIndex::forms"),
    ("index", "set_prepared"),
    ("discover", "walk::term_files"),
    ("discover", "walk::doc_files"),
]


def samples(path):
    current = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip():
                if current:
                    yield current
                current = None
            elif not line[0].isspace():
                current = []
            elif current is not None:
                parts = line.strip().split(None, 1)
                current.append(parts[1] if len(parts) > 1 else "?")
    if current:
        yield current


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    total = 0
    by_phase = collections.Counter()
    leaves = collections.defaultdict(collections.Counter)
    for frames in samples(sys.argv[1]):
        total += 1
        phase = "other"
        for frame in reversed(frames):
            hit = [p for p, marker in PHASES if marker in frame]
            if hit:
                phase = hit[0]
                break
        by_phase[phase] += 1
        leaf = re.sub(r"\+0x[0-9a-f]+", "", frames[0])[:90] if frames else "?"
        leaves[phase][leaf] += 1
    print(f"{total} samples")
    for phase, n in by_phase.most_common():
        print(f"{phase:12} {n:6} {100 * n / total:5.1f}%")
        for leaf, m in leaves[phase].most_common(top):
            print(f"    {m:6} {100 * m / total:5.1f}%  {leaf}")


if __name__ == "__main__":
    main()
