#!/usr/bin/env bash
# The satisfaction dashboard and summary API at 5,000,000 survey responses, how fast a new response shows,
# and the public response page under 100 concurrent submitters.
# Usage: bench/satisfaction/run.sh [responses]   (default 5,000,000; generated once into target/bench/satisfaction-pg)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=SatisfactionBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.responses="${1:-5000000}" -Dtest.redirect=false
