#!/usr/bin/env bash
# Failover under load behind HAProxy, for loadtest/BENCHMARKS.md (issue 23, part 5): three nodes
# on PostgreSQL (each its own JVM with both roles), HAProxy in front of them as docker/haproxy.cfg
# balances them (by the room the client names), FailoverSimulation's players playing through it,
# and kill -9 of the third node KILL_S seconds into the run. Players whose input goes unanswered
# check their socket and resume through HAProxy, which sends them to a live edge. Prints Gatling's
# figures (failed inputs among them), the players' reconnects and resumes, and each process's CPU
# in the 30 s before the kill and in the 30 s from 15 s after it. Loopback only.
#
#   loadtest/failover.sh PLAYERS [DURATION_S] [KILL_S]
#
# Needs server/target/game-server.jar, the server's test-jar in the local repository (`mvn -B -q
# install -DskipTests`) and the database .ci/postgres provides.
set -euo pipefail

players=${1:?number of players}
duration=${2:-150}
kill_after=${3:-90}
source "$(dirname "$0")/node.sh"
for index in 0 1 2; do
  start_node postgres edge,game "$index"
done
start_haproxy
hz=$(getconf CLK_TCK)
# Each process's CPU ticks (user + system), one line: nodes, then HAProxy.
process_ticks() { for pid in "${nodes[@]}" "${nodes_extra[@]}"; do awk '{printf "%d ", $14 + $15}' "/proc/$pid/stat" 2>/dev/null || printf "0 "; done; echo; }
cpu_between() {
  paste -d' ' "$work/$1" "$work/$2" | awk -v hz="$hz" -v n="$((${#nodes[@]} + ${#nodes_extra[@]}))" '
    {for (i = 1; i <= n; i++) printf "%s %.0f%%; ", (i <= 3 ? "node " i - 1 : "HAProxy"), 100 * ($(i + n) - $i) / hz / 30}'
}
(
  # Gatling starts some seconds after this script; the kill comes KILL_S after that.
  sleep $((kill_after - 30)); process_ticks >"$work/before-0"
  sleep 30; process_ticks >"$work/before-1"
  sleep 15; process_ticks >"$work/after-0"
  sleep 30; process_ticks >"$work/after-1"
) &
sampler=$!
(cd "$root" && mvn -B -q -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.FailoverSimulation \
  -Dtargets="ws://127.0.0.1:$lb_port/ws" -Dplayers="$players" -Dduration="$duration" -Dramp=30 \
  -DkillAfter="$kill_after" -DkillPid="${nodes[2]}") \
  | tee "$work/gatling.log" \
  | grep -E '^(FailoverSimulation|> (request count|response time (50th|99th))|.*(true|false) \(actual)' || true
wait $sampler
echo "(CPU in % of a core, 30 s before the kill: $(cpu_between before-0 before-1))"
echo "(CPU in % of a core, 15-45 s after the kill: $(cpu_between after-0 after-1))"
echo "(node logs and Gatling output in $work)"
