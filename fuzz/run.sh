#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 30), one at a time, on one
# core. Usage: fuzz/run.sh [SECONDS] [TARGET...]. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-30}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(term config line_index lsp_edits yaml_paths)
fi
# cargo-fuzz needs nightly; on a stable-only machine RUSTC_BOOTSTRAP=1 lets
# stable accept the sanitizer flags.
toolchain=()
if rustup run nightly rustc --version >/dev/null 2>&1; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi
for target in "${targets[@]}"; do
  echo "== fuzz $target (${seconds}s)"
  mkdir -p "corpus/$target"
  # -timeout: one input taking over 10 s is a hang, and a finding.
  cargo "${toolchain[@]}" fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -print_final_stats=1
done
