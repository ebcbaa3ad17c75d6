#!/usr/bin/env bash
# Customer import throughput (rows per second), first as new customers, then unchanged.
# Usage: bench/customer-import/run.sh [rows]   (default 1,000,000; the CSV is generated once into target/bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=CustomerImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rows="${1:-1000000}" -Dtest.redirect=false
