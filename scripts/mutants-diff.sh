#!/usr/bin/env bash
# Mutation-test the lines a change touches (docs/testing.md):
#   bash scripts/mutants-diff.sh                       # the change since the base below
#   GLOSS_MUTANTS_BASE=main bash scripts/mutants-diff.sh
# The base: $GLOSS_MUTANTS_BASE when set; else, on a branch that has left
# main, the merge base with main (the whole branch); else HEAD~1, the last
# commit (on main after a merge: everything that merge brought in).
# Mutants in gloss-core, gloss-workspace and gloss-ide, each tested by its
# own crate's unit and integration tests. Stops after
# $GLOSS_MUTANTS_MINUTES (default 20) and fails if any mutant tested so far
# survived; mutants.out is left in target/mutants-diff. Committed changes
# only: the mutants are made in a clone of HEAD (target/mutants-diff/src),
# built in this repository's target directory so that its dependencies are
# not built again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo mutants --version >/dev/null 2>&1; then
  cargo install --locked cargo-mutants
fi

# Every exclusion in .cargo/mutants.toml must still name a mutant: one
# anchored to a line that moved names none, and its mutant is tested again
# (or, worse, the anchor now hides another mutant on that line).
cargo mutants --list --workspace --no-config > "${TMPDIR:-/tmp}/gloss-mutants-all.txt"
python3 - "${TMPDIR:-/tmp}/gloss-mutants-all.txt" <<'PY'
import re, sys, tomllib
with open(".cargo/mutants.toml", "rb") as f:
    patterns = tomllib.load(f).get("exclude_re", [])
names = open(sys.argv[1], encoding="utf-8").read().splitlines()
stale = [p for p in patterns if not any(re.search(p, n) for n in names)]
for p in stale:
    print(f"mutants: the exclusion {p!r} in .cargo/mutants.toml names no mutant: move its anchor to its mutant's line, or delete it")
sys.exit(1 if stale else 0)
PY
echo "mutants: every exclusion in .cargo/mutants.toml names a mutant"

base="${GLOSS_MUTANTS_BASE:-}"
if [ -z "$base" ]; then
  if git rev-parse -q --verify main >/dev/null \
     && [ "$(git merge-base main HEAD)" != "$(git rev-parse HEAD)" ]; then
    base="$(git merge-base main HEAD)"
  elif git rev-parse -q --verify HEAD~1 >/dev/null; then
    base="HEAD~1"
  else
    echo "mutants: no base to diff against (a single commit, or a shallow clone); nothing to test"
    exit 0
  fi
fi
repo="$PWD"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac
out="$target/mutants-diff"
mkdir -p "$out"
rm -rf "$out/mutants.out" "$out/mutants.out.old"
git diff "$base" HEAD -- crates/ > "$out/change.diff"
rm -rf "$out/src"
git clone -q --no-checkout "$repo" "$out/src"
git -C "$out/src" checkout -q "$(git rev-parse HEAD)"
echo "mutants: the change since $(git rev-parse --short "$base"): $(grep -c '^+++ ' "$out/change.diff" || true) files under crates/"

minutes="${GLOSS_MUTANTS_MINUTES:-20}"
set +e
(
  cd "$out/src"
  CARGO_TARGET_DIR="$target" timeout --signal=INT --kill-after=60 "${minutes}m" \
    cargo mutants --in-place --in-diff "$out/change.diff" \
      -p gloss-core -p gloss-workspace -p gloss-ide \
      --timeout 300 --build-timeout 900 \
      -o "$out" -- --lib --tests
)
status=$?
set -e
missed="$out/mutants.out/missed.txt"
case "$status" in
  0 | 3) ;; # all caught (3: some hung, stopped by --timeout, which counts as caught)
  124 | 130)
    tested=$(cat "$out"/mutants.out/{caught,missed,timeout,unviable}.txt 2>/dev/null | wc -l)
    echo "mutants: stopped at the ${minutes}-minute cap after $tested mutants"
    ;;
  2) ;;
  *)
    echo "mutants: cargo mutants failed (exit $status); see $out/mutants.out/log" >&2
    exit 1
    ;;
esac
if [ -s "$missed" ]; then
  echo "mutants: these survived; add a test, or a reason in .cargo/mutants.toml:" >&2
  cat "$missed" >&2
  exit 1
fi
echo "mutants: no mutant of the change survived"
