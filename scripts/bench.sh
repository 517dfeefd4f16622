#!/usr/bin/env bash
# Reproduce the performance table of docs/performance.md with one command:
#   bash scripts/bench.sh                 # every shape at 1k and 10k, distinct and shared-words also at 100k
#   bash scripts/bench.sh --sizes 1000    # a quick run: every shape at 1k
#   bash scripts/bench.sh --shapes shared-words --sizes 10000
# Shapes: distinct, shared-words, shared-alias, dense-related, docs-heavy
# (xtask/src/corpus.rs).
# Installs yamllint and check-jsonschema (PyPI) into target/bench-venv (under
# CARGO_TARGET_DIR when set) and
# GNU time (Debian) when missing; generates the corpora under target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time
fi
venv="${CARGO_TARGET_DIR:-target}/bench-venv"
if [ ! -x "$venv/bin/yamllint" ] || [ ! -x "$venv/bin/check-jsonschema" ]; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'yamllint>=1.35' 'check-jsonschema>=0.29'
fi
cargo run --release -p xtask -- bench "$@"
