#!/usr/bin/env bash
# Buying-behaviour rollup refresh (full and one month) and page latency at scale.
# Usage: bench/buying-behaviour/run.sh [customers] [lines]
#   (default 1,000,000 customers and 10,000,000 order lines; generated once into target/bench/buying-pg,
#    or the directory in BENCH_DATA_DIR — use a separate one for a smaller size)
# Options: PAGES_ONLY=true skips the rollup refresh; SEGMENTATION=true also times two segmentation
#   recomputes (with their steps); SEGMENTATION_ONLY=true times only those; CLUSTERS=true times the cluster
#   runs (suggested k, then k = 5) and the churn decision rules.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=BuyingBehaviourBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.customers="${1:-1000000}" -Dbench.lines="${2:-10000000}" \
  -Dbench.dataDir="${BENCH_DATA_DIR:-target/bench/buying-pg}" -Dbench.pagesOnly="${PAGES_ONLY:-false}" \
  -Dbench.segmentation="${SEGMENTATION:-false}" -Dbench.clusters="${CLUSTERS:-false}" \
  -Dbench.segmentationOnly="${SEGMENTATION_ONLY:-false}" -Dtest.redirect=false
