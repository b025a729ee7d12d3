#!/usr/bin/env bash
# A long steady run for false downing (issue 21): three nodes by server/cluster.sh on PostgreSQL,
# ArenaSimulation's players spread over their three edges by room (as HAProxy does) for the whole
# run, then what the nodes' logs say about the failure detector: members marked unreachable,
# Split Brain Resolver decisions, and the longest heartbeat interval it warned about. Also the
# machine's CPU use over the run (the load generator shares the two cores with the nodes).
#
#   loadtest/soak.sh [PLAYERS] [DURATION_S]      (default 1000 600; loopback only)
#
# Needs server/target/game-server.jar and the server's test-jar in the local repository
# (`mvn -B -q install -DskipTests`) and the database .ci/postgres provides.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
players=${1:-1000}
duration=${2:-600}
cluster="$root/server/cluster.sh"
logs="$root/server/target/cluster"

"$cluster" down > /dev/null 2>&1 || true
rm -f "$logs"/node*.log
"$cluster" start 3 > /dev/null
trap '"$cluster" down > /dev/null' EXIT

busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }
read -r busy0 total0 < <(busy)
started=$(date +%s)
(cd "$root" && mvn -B -q -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.ArenaSimulation \
  -Dtargets=ws://127.0.0.1:8080/ws,ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws \
  -Dplayers="$players" -Dduration="$duration" -Dramp=60 -Dp99Millis=1000 2>&1) \
  | tee "$logs/soak-gatling.log" \
  | grep -E '^ArenaSimulation: [0-9]|> (request count|response time (50th|99th))' || true
read -r busy1 total1 < <(busy)

count() { cat "$logs"/node*.log | grep -c -E "$1" || true; }
longest=$(cat "$logs"/node*.log | sed -n 's/.*heartbeat interval is growing too large.*: \([0-9]*\) millis.*/\1/p' | sort -n | tail -1)
echo "soak: $players players for ${duration} s over 3 nodes, $(( $(date +%s) - started )) s in all"
echo "machine CPU busy: $(( 100 * (busy1 - busy0) / (total1 - total0) ))% of 2 cores"
echo "members marked unreachable: $(count 'Marking node.* as \[?UNREACHABLE')"
echo "Split Brain Resolver decisions: $(count 'SBR took decision')"
echo "heartbeat warnings: $(count 'heartbeat interval is growing too large'), longest ${longest:-0} ms"
echo "members removed: $(count 'Leader is removing')"
