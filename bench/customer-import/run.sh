#!/usr/bin/env bash
# Customer import throughput (rows per second), first as new customers, then unchanged.
# Usage: bench/customer-import/run.sh [rows] [existing]
#   rows: default 1,000,000 (the CSV is generated once into target/bench)
#   existing: customers generated before the import (default 0; more than the file: no bulk path)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=CustomerImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rows="${1:-1000000}" -Dbench.existing="${2:-0}" -Dtest.redirect=false
