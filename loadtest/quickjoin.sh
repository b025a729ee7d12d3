#!/usr/bin/env bash
# Quick-join benchmark for loadtest/BENCHMARKS.md: starts NODES nodes (each in its own JVM on
# loopback, on PostgreSQL, or on H2 with QJ_STORE=h2 and one node), warms them with one
# QuickJoinSimulation run of 60 s, then measures a second run: quick joins per second taken and
# the quick join's latency (join sent to joined).
# Players play 2 s at 2 inputs a second between joins, so that joins are most of the load; they
# spread over every node's edge. Prints one Markdown table row.
#
#   loadtest/quickjoin.sh NODES JOINS_PER_S [DURATION_S]
#
# Needs server/target/game-server.jar and the server's test-jar in the local repository
# (`mvn -B -q install -DskipTests`), and the database .ci/postgres provides.
set -euo pipefail
count=${1:?how many nodes} rate=${2:?quick joins per second} duration=${3:-60}
source "$(dirname "$0")/node.sh"
for index in $(seq 0 $((count - 1))); do
  start_node "${QJ_STORE:-postgres}" edge,game "$index"
done
targets=$(printf 'ws://127.0.0.1:%s/ws,' "${http_ports[@]}")
# A player's visit is a join, 2 s of play and a leave: each player joins about every 2 s.
players=$((rate * 2))
run() {
  (cd "$root" && mvn -B -q -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.QuickJoinSimulation \
    -Dtargets="${targets%,}" -Dplayers="$players" -Dduration="$1" -Dramp=10 -DplaySeconds=2 -DinputHz=2 \
    -Dp99Millis=60000 >"$work/gatling-$2.log" 2>&1) || true
}
run 60 warmup
run "$duration" measured
report=$(ls -td "$root"/loadtest/target/gatling/quickjoinsimulation-* | head -1)
# The "quick join" request's figures, from the report's stats.js (percentiles 1 and 4: p50, p99).
p() { python3 - "$report/js/stats.js" "$1" "$2" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
at = text.index('stats: {', text.index('name: "quick join"')) + len('stats: ')
print(json.JSONDecoder().raw_decode(text[at:])[0][sys.argv[2]][sys.argv[3]])
PY
}
echo
echo "| nodes | players | quick joins/s | p50 ms | p95 ms | p99 ms | failed |"
echo "| $count | $players | $(awk -v n="$(p numberOfRequests total)" -v d="$duration" 'BEGIN {printf "%.0f", n / d}') | $(p percentiles1 total) | $(p percentiles3 total) | $(p percentiles4 total) | $(p numberOfRequests ko) |"
echo "(report in $report)"
