#!/usr/bin/env bash
# k-means on generated customer features in memory (no database): standardising, the silhouette
# per k with the suggested k and the fit, a given k, and Hipparchus on every row without sampling.
# Usage: bench/clusters/run.sh [rows] [k]   (default 1,000,000 rows, k = 5)
# The database path (features read from PostgreSQL, runs stored) is timed by
#   CLUSTERS=true PAGES_ONLY=true bench/buying-behaviour/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=ClusteringBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rows="${1:-1000000}" -Dbench.k="${2:-5}" -Dtest.redirect=false
