#!/usr/bin/env bash
# Association rules (FP-Growth) on generated baskets: time and peak heap.
# Usage: bench/association-rules/run.sh [baskets]   (default 1,000,000; support 0.001, confidence 0.5)
# BENCH_DB=false skips the variant that writes the baskets into PostgreSQL (target/bench/rules-pg, once) and reads them back.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=AssociationRulesBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.baskets="${1:-1000000}" -Dbench.db="${BENCH_DB:-true}" -Dtest.redirect=false
