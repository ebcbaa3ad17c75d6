#!/usr/bin/env bash
# Agent queue pages (my tickets, my team's, unassigned, due soon, breached, all open) at 500,000 tickets.
# Usage: bench/ticket-queue/run.sh [tickets]   (default 500,000; generated once into target/bench/tickets-pg)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test -Dbench.skip= -Dgroups=bench -Dtest=TicketQueueBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.tickets="${1:-500000}" -Dtest.redirect=false
