#!/usr/bin/env bash
# Live counts of typical saved segments at scale.
# Usage: bench/segments/run.sh [customers] [lines] [rounds]
#   Uses the buying-behaviour benchmark's data (1,000,000 customers and 10,000,000 order lines in
#   target/bench/buying-pg, or the directory in BENCH_DATA_DIR), generating it first when it is missing,
#   and runs a segmentation recompute as of 2026-11-01 when the data has none.
#   SHARED_BUFFERS=1GB sets PostgreSQL's shared_buffers in that data directory first (embedded default: 128MB;
#   SHARED_BUFFERS=128MB sets it back).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=SegmentCountBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.customers="${1:-1000000}" -Dbench.lines="${2:-10000000}" -Dbench.rounds="${3:-5}" \
  -Dbench.dataDir="${BENCH_DATA_DIR:-target/bench/buying-pg}" -Dbench.sharedBuffers="${SHARED_BUFFERS:-}" \
  -Dtest.redirect=false
