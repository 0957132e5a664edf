#!/usr/bin/env bash
# Times pyprep's whole import (parse + repair + normalise + merge) of the seed guides against
# markdown-it-py merely tokenizing the same files, in one run, and prints both and the ratio.
# Usage: bench/import/run.sh [SEEDS_DIR]   (default: ../shared/seeds beside the repository)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seeds=${1:-$root/../shared/seeds}
target=${CARGO_TARGET_DIR:-$root/target}
venv=${BENCH_VENV:-$target/bench-venv}

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "markdown-it-py==4.*"

cargo build --quiet --release -p pyprep-import --example import_seeds
ours="$target/release/examples/import_seeds"

echo "== pyprep-import (Rust, release) =="
"$ours" "$seeds" --rounds 50
echo "== peer: markdown-it-py $("$venv/bin/python" -c 'import markdown_it; print(markdown_it.__version__)') =="
"$venv/bin/python" "$here/peer_markdown_it.py" "$seeds" 10

# This machine's speed drifts by tens of percent within minutes (other virtual machines on
# the same host), so ours and the peer take turns: each pair runs back to back and gives one
# ratio, and the report is the median of the pairs.
pairs=${BENCH_PAIRS:-9}
results=()
for ((i = 1; i <= pairs; i++)); do
  rust_ms=$("$ours" "$seeds" --rounds 50 --ms)
  peer_ms=$("$venv/bin/python" "$here/peer_markdown_it.py" "$seeds" 5 --ms)
  echo "pair $i: pyprep $rust_ms ms, markdown-it-py $peer_ms ms"
  results+=("$rust_ms,$peer_ms")
done
python3 - "${results[@]}" <<'PY'
import statistics
import sys
pairs = [tuple(map(float, a.split(","))) for a in sys.argv[1:]]
ratios = [peer / rust for rust, peer in pairs]
rust = statistics.median(r for r, _ in pairs)
peer = statistics.median(p for _, p in pairs)
print(f"== ratio: pyprep import {rust:.2f} ms vs markdown-it-py tokenize {peer:.2f} ms (medians of {len(pairs)} pairs); "
      f"per pair {min(ratios):.1f}x to {max(ratios):.1f}x, median {statistics.median(ratios):.1f}x faster (goal: 30x)")
PY
