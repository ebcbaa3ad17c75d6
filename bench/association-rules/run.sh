#!/usr/bin/env bash
# Association rules (FP-Growth) on generated baskets: time and peak heap.
# Usage: bench/association-rules/run.sh [baskets]   (default 1,000,000; support 0.001, confidence 0.5)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=AssociationRulesBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.baskets="${1:-1000000}" -Dtest.redirect=false
