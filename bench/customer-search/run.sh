#!/usr/bin/env bash
# Customer list (with a search term) and profile page latency at scale.
# Usage: bench/customer-search/run.sh [customers]   (default 1,000,000; generated once into target/bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=CustomerSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.customers="${1:-1000000}" -Dtest.redirect=false
