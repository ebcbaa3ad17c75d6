#!/usr/bin/env bash
# Transaction import throughput (order lines per second), first as new orders, then unchanged.
# Usage: bench/transaction-import/run.sh [lines] [customers]   (default 1,000,000 lines of 100,000 customers;
# the CSV is generated once into target/bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=TransactionImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.lines="${1:-1000000}" -Dbench.customers="${2:-100000}" -Dtest.redirect=false
