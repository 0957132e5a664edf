#!/usr/bin/env bash
# Sandbox throughput benchmark: the pyprep sandbox (full isolation, parallel) against one
# plain `python3 file.py` per snippet in sequence, on the same ~200 snippets, in one run.
# Usage: bench/sandbox/run.sh [--count N] [--jobs N] [--naive-python PATH] [--snippets FILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --release -p pyprep-sandbox --example bench
exec target/release/examples/bench --snippets bench/sandbox/snippets.py "$@"
