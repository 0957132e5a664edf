#!/usr/bin/env bash
# Search benchmark: pyprep's engine against SQLite FTS5 (bm25) on the same synthetic bank of
# 100,000 questions and the same 1,000 queries, in one run. See README.md beside this file.
# Usage: bench/search/run.sh [--questions N] [--queries N] [--seed N] [--pyprep-only [--slowest]]
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --release -p pyprep-search --example search_bench
exec target/release/examples/search_bench "$@"
