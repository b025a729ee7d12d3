#!/usr/bin/env bash
# One benchmark point for loadtest/BENCHMARKS.md: starts a node (its own JVM) on the given store,
# runs ArenaSimulation against it, and measures the node's process alone: CPU (share of one core)
# over the steady window, resident memory, frames per second, drops. Loopback only.
#
#   loadtest/bench.sh h2|postgres PLAYERS [DURATION_S] [RAMP_S] [WARMUP_S]
#
# BENCH_STATE=compact has the players read compact state frames (protocol/README.md section 11)
# instead of JSON; the row gives the mean size of a state frame on the wire either way.
#
# BENCH_SPLIT=1 starts two nodes instead, a game-only one (rooms) and an edge-only one (the
# players' sockets), and measures both together: the cost of a player whose room is elsewhere.
#
# BENCH_NODES=N (N > 1) starts N nodes with both roles and HAProxy in front of their edges, as
# docker/haproxy.cfg balances them (by the room the client names), and measures all nodes
# together; the row's note gives the share of inputs that went to a room on the player's own edge.
#
# The node's CPU is measured from WARMUP_S after the ramp (the JIT compiler is busy for the first
# minute or so) until 5 s before players leave.
#
# Needs server/target/game-server.jar and the server's test-jar in the local repository
# (`mvn -B -q install -DskipTests`) and, for postgres, the database .ci/postgres provides. Prints
# one Markdown table row at the end.
set -euo pipefail

store=${1:?store: h2 or postgres}
format=${BENCH_STATE:-json}
players=${2:?number of players}
duration=${3:-150}
ramp=${4:-30}
warmup=${5:-60}
source "$(dirname "$0")/node.sh"
if [ "${BENCH_SPLIT:-0}" = 1 ]; then
  start_node "$store" game 0
  start_node "$store" edge 1
else
  for index in $(seq 0 $((${BENCH_NODES:-1} - 1))); do
    start_node "$store" edge,game "$index"
  done
fi
target="ws://127.0.0.1:${http_ports[-1]}/ws"
if [ "${BENCH_NODES:-1}" -gt 1 ]; then
  start_haproxy
  target="ws://127.0.0.1:$lb_port/ws"
fi

ticks_per_s=$(getconf CLK_TCK)
# CPU ticks of all nodes in the kernel (system time); cpu_ticks (node.sh) counts both.
system_ticks() { for pid in "${nodes[@]}"; do cat "/proc/$pid/stat"; done | awk '{sum += $15} END {print sum}'; }
inputs() { echo "$(metric 'game_inputs_total{room="local"}') $(metric 'game_inputs_total{room="remote"}')"; }
# CPU ticks of what else the run started (HAProxy), 0 for none.
extra_ticks() { for pid in "${nodes_extra[@]}"; do cat "/proc/$pid/stat"; done | awk '{sum += $14 + $15} END {print sum + 0}'; }
# State frames and their bytes on the wire, of the run's format.
state_metrics() {
  echo "$(metric "game_state_bytes_out_total{format=\"$format\"}") $(metric "game_state_frames_out_total{format=\"$format\"}")"
}

# The steady window: from the warm-up after the ramp until 5 s before the first players leave (at
# DURATION_S after Gatling starts, which is some seconds after this script does).
window=$((duration - ramp - warmup - 5))
(
  sleep $((ramp + warmup))
  echo "$(date +%s.%N) $(cpu_ticks) $(metric game_frames_out_total) $(metric game_dropped_frames_total) $(system_ticks) $(state_metrics) $(inputs) $(extra_ticks)" >"$work/start"
  thread_ticks >"$work/threads-start"
  for pid in "${nodes[@]}"; do awk '{print $14 + $15}' "/proc/$pid/stat"; done >"$work/nodes-start"
  sleep "$window"
  echo "$(date +%s.%N) $(cpu_ticks) $(metric game_frames_out_total) $(metric game_dropped_frames_total) $(system_ticks) $(state_metrics) $(inputs) $(extra_ticks)" >"$work/end"
  thread_ticks >"$work/threads-end"
  for pid in "${nodes[@]}"; do awk '{print $14 + $15}' "/proc/$pid/stat"; done >"$work/nodes-end"
  for pid in "${nodes[@]}"; do grep -E '^(VmRSS|VmHWM)' "/proc/$pid/status"; done >"$work/memory"
  curl -s "http://127.0.0.1:${admin_ports[0]}/metrics" >"$work/metrics"
) &
sampler=$!

(cd "$root" && mvn -B -q -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.ArenaSimulation \
  -Dtargets="$target" -Dplayers="$players" -Dduration="$duration" -Dramp="$ramp" \
  -Dstate="$format") \
  | tee "$work/gatling.log" | grep -E '^(ArenaSimulation|> (request count|response time (50th|99th))|.*(true|false) \(actual)' || true
wait $sampler

read -r t0 c0 f0 d0 s0 b0 n0 l0 r0 x0 <"$work/start"
read -r t1 c1 f1 d1 s1 b1 n1 l1 r1 x1 <"$work/end"
state_bytes=$(awk -v b0="$b0" -v b1="$b1" -v n0="$n0" -v n1="$n1" 'BEGIN {printf "%.1f", (b1 - b0) / (n1 - n0)}')
cpu=$(awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$ticks_per_s" \
  'BEGIN {printf "%.0f", 100 * (c1 - c0) / hz / (t1 - t0)}')
fps=$(awk -v f0="$f0" -v f1="$f1" -v t0="$t0" -v t1="$t1" 'BEGIN {printf "%.0f", (f1 - f0) / (t1 - t0)}')
rss=$(awk '/VmRSS/ {sum += $2} END {printf "%.0f", sum / 1024}' "$work/memory")
hwm=$(awk '/VmHWM/ {sum += $2} END {printf "%.0f", sum / 1024}' "$work/memory")
report=$(ls -td "$root"/loadtest/target/gatling/arenasimulation-* | head -1)
# The "input" request's figures, from the report's stats.js (percentiles 1 and 4 are p50 and p99).
p() { python3 - "$report/js/stats.js" "$1" "$2" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
at = text.index('stats: {', text.index('name: "input"')) + len('stats: ')
print(json.JSONDecoder().raw_decode(text[at:])[0][sys.argv[2]][sys.argv[3]])
PY
}
# Each player waits for an input's ack before the next, so slow acks lower the rate below 20/s.
input_rate=$(awk -v n="$(p numberOfRequests total)" -v p="$players" -v d="$duration" 'BEGIN {printf "%.1f", n / p / d}')
echo
echo "| store | players | state | inputs/s per player (of 20) | input p50 ms | input p99 ms | failed inputs | server CPU (% of a core) | RSS MiB (peak) | frames/s | dropped | bytes per state frame |"
echo "| $store | $players | $format | $input_rate | $(p percentiles1 total) | $(p percentiles4 total) | $(p numberOfRequests ko) | $cpu | $rss ($hwm) | $fps | $(awk -v a="$d0" -v b="$d1" 'BEGIN {print b - a}') | $state_bytes |"
tick_us=$(awk '$1 == "game_tick_duration_seconds_sum" {s = $2} $1 == "game_tick_duration_seconds_count" {c = $2} END {printf "%.0f", 1e6 * s / c}' "$work/metrics")
kernel=$(awk -v s0="$s0" -v s1="$s1" -v c0="$c0" -v c1="$c1" 'BEGIN {printf "%.0f", 100 * (s1 - s0) / (c1 - c0)}')
# Where the node's CPU went, by thread (node.sh's thread_group), and how much of it in the kernel.
threads=$(awk -v hz="$ticks_per_s" -v secs="$(awk -v t0="$t0" -v t1="$t1" 'BEGIN {print t1 - t0}')" "$thread_group"'
  NR == FNR {user0[$1] = $2; kernel0[$1] = $3; next}
  {g = group($4); used[g] += $2 + $3 - user0[$1] - kernel0[$1]; kernel[g] += $3 - kernel0[$1]}
  END {for (g in used) printf "%s %.0f%% (kernel %.0f%%); ", g, 100 * used[g] / hz / secs, 100 * kernel[g] / hz / secs}' "$work/threads-start" "$work/threads-end")
if [ ${#nodes[@]} -gt 1 ]; then
  echo "(inputs to a room on the player's own edge node: $(awk -v l="$((l1 - l0))" -v r="$((r1 - r0))" \
    'BEGIN {printf "%.1f%% of %d", 100 * l / (l + r), l + r}'))"
  if [ ${#nodes_extra[@]} -gt 0 ]; then
    echo "(HAProxy, not in the row: $(awk -v a="$x0" -v b="$x1" -v hz="$ticks_per_s" -v t0="$t0" -v t1="$t1" \
      'BEGIN {printf "%.0f", 100 * (b - a) / hz / (t1 - t0)}')% of a core)"
  fi
  echo "(by node, in % of a core: $(paste "$work/nodes-start" "$work/nodes-end" | awk -v hz="$ticks_per_s" \
    -v secs="$(awk -v t0="$t0" -v t1="$t1" 'BEGIN {print t1 - t0}')" '{printf "node %d %.0f%%; ", NR - 1, 100 * ($2 - $1) / hz / secs}'))"
fi
echo "(by thread, in % of a core: ${threads% })"
echo "(mean tick ${tick_us} us; ${kernel}% of the CPU time in the kernel; node log, metrics and Gatling output in $work; report in $report)"
