#!/usr/bin/env bash
# Buying-behaviour rollup refresh (full and one month) and page latency at scale.
# Usage: bench/buying-behaviour/run.sh [customers] [lines]
#   (default 1,000,000 customers and 10,000,000 order lines; generated once into target/bench/buying-pg,
#    or the directory in BENCH_DATA_DIR — use a separate one for a smaller size)
# PAGES_ONLY=true skips the rollup refreshes, SEGMENTATION=true times the segmentation recompute,
# CLUSTERS=true times the cluster runs (suggested k, then k = 5) and the churn decision rules.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=BuyingBehaviourBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.customers="${1:-1000000}" -Dbench.lines="${2:-10000000}" \
  -Dbench.dataDir="${BENCH_DATA_DIR:-target/bench/buying-pg}" -Dbench.pagesOnly="${PAGES_ONLY:-false}" \
  -Dbench.segmentation="${SEGMENTATION:-false}" -Dbench.clusters="${CLUSTERS:-false}" -Dtest.redirect=false
