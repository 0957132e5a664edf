#!/usr/bin/env bash
# Practice at scale on SQLite: builds a database of 100,000 cards with 1,000,000 review-log
# rows (kept for later runs), then times building the due queue and scheduling reviews.
# Usage: bench/practice/run.sh [DB] [CARDS] [REVIEWS_PER_CARD]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec cargo run --release -p pyprep-store-sqlite --example practice_bench -- "$@"
