#!/usr/bin/env bash
# Tic-tac-toe benchmark for loadtest/BENCHMARKS.md: starts one node (its own JVM, on loopback) on
# the given store, warms it with one TicTacToeSimulation run of 60 s, then measures a second run:
# moves per second, the move's latency (from the move to the state that shows it to the mover;
# its opponent gets the same broadcast), and the node's CPU over the run. Players quick-join in
# pairs and move at random as soon as it is their turn; a round pauses 3 s after its result.
# Prints one Markdown table row.
#
#   loadtest/tictactoe.sh h2|postgres PLAYERS [DURATION_S]
#
# Needs server/target/game-server.jar and the server's test-jar in the local repository
# (`mvn -B -q install -DskipTests`) and, for postgres, the database .ci/postgres provides.
set -euo pipefail
store=${1:?store: h2 or postgres} players=${2:?number of players} duration=${3:-60}
source "$(dirname "$0")/node.sh"
start_node "$store"
ticks_per_s=$(getconf CLK_TCK)
run() {
  (cd "$root" && mvn -B -q -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.TicTacToeSimulation \
    -Dtargets="ws://127.0.0.1:${http_ports[0]}/ws" -Dplayers="$players" -Dduration="$1" -Dramp=10 \
    -Dp99Millis=60000 >"$work/gatling-$2.log" 2>&1) || true
}
run 60 warmup
c0=$(cpu_ticks) t0=$(date +%s.%N)
run "$duration" measured
c1=$(cpu_ticks) t1=$(date +%s.%N)
report=$(ls -td "$root"/loadtest/target/gatling/tictactoesimulation-* | head -1)
# The "move" request's figures, from the report's stats.js (percentiles 1, 3 and 4: p50, p95, p99).
p() { python3 - "$report/js/stats.js" "$1" "$2" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
at = text.index('stats: {', text.index('name: "move"')) + len('stats: ')
print(json.JSONDecoder().raw_decode(text[at:])[0][sys.argv[2]][sys.argv[3]])
PY
}
cpu=$(awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$ticks_per_s" 'BEGIN {printf "%.0f", 100 * (c1 - c0) / hz / (t1 - t0)}')
echo
echo "| store | players | moves/s | move p50 ms | p95 ms | p99 ms | failed moves | node CPU (% of a core, whole run) |"
echo "| $store | $players | $(awk -v n="$(p numberOfRequests total)" -v d="$duration" 'BEGIN {printf "%.0f", n / d}') | $(p percentiles1 total) | $(p percentiles3 total) | $(p percentiles4 total) | $(p numberOfRequests ko) | $cpu |"
echo "(report in $report; node log in $work)"
