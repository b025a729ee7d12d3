#!/usr/bin/env bash
# What rooms nobody is connected to cost, for loadtest/BENCHMARKS.md: a node (its own JVM) on the
# given store hosts ROOMS arena rooms of 8 players (ArenaSimulation: play, then leave), and its CPU
# is measured twice over WINDOW_S: while the rooms wait, empty, for their idle timeout (150 s here), and
# again once they have all stopped. The difference, the JIT compiler's threads apart, is what the
# empty rooms cost. Loopback only.
#
#   loadtest/idlerooms.sh h2|postgres ROOMS [PLAY_S] [WINDOW_S]
#
# Needs server/target/game-server.jar and the server's test-jar in the local repository
# (`mvn -B -q install -DskipTests`), and for postgres the database .ci/postgres provides.
set -euo pipefail

store=${1:?store: h2 or postgres}
rooms=${2:?number of rooms}
play=${3:-60}
window=${4:-60}
source "$(dirname "$0")/node.sh"
# Long enough that every room is still there through the first window (players leave over the
# ramp's 10 s, Gatling takes some seconds to end, and the node settles for 30 s after the load).
export GAME_ROOM_IDLE_TIMEOUT=${GAME_ROOM_IDLE_TIMEOUT:-150s}
start_node "$store"
hz=$(getconf CLK_TCK)
# The node's CPU over the next WINDOW_S, in % of one core, and the JIT compiler's share of it: its
# threads still compile what the load made hot for a minute or more after it.
cpu_over_window() {
  local t0 t1
  t0=$(date +%s.%N); thread_ticks >"$work/threads-a"
  sleep "$window"
  t1=$(date +%s.%N); thread_ticks >"$work/threads-b"
  awk -v secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" -v hz="$hz" -v by="$work/by-thread" "$thread_group"'
    NR == FNR {start[$1] = $2 + $3; next}
    {used = $2 + $3 - ($1 in start ? start[$1] : 0); all += used; share[group($4)] += used}
    END {
      for (g in share) printf "%s %.2f%%; ", g, 100 * share[g] / hz / secs > by
      printf "%.2f %.2f", 100 * all / hz / secs, 100 * share["JIT"] / hz / secs
    }' "$work/threads-a" "$work/threads-b"
}

(cd "$root" && mvn -B -q -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.ArenaSimulation \
  -Dtargets="ws://127.0.0.1:${http_ports[0]}/ws" -Dplayers=$((rooms * 8)) -Dduration="$play" -Dramp=10) \
  >"$work/gatling.log" 2>&1 || true # its latency assertion may fail on a busy machine: not measured here
echo "played: $(metric game_rooms) rooms on the node, $(metric game_players) players connected"
sleep 30 # what the load leaves behind settles first: the GC, the store's own writes
read -r resting resting_jit <<<"$(cpu_over_window)"
echo "while the $rooms rooms wait, empty: $resting% of a core, of which the JIT $resting_jit% ($(metric game_rooms) rooms)"
echo "  (by thread: $(cat "$work/by-thread"))"
for _ in $(seq 1 180); do
  [ "$(metric game_rooms)" = 0 ] && break
  sleep 1
done
[ "$(metric game_rooms)" = 0 ] || { echo "rooms did not stop within 180 s"; exit 1; }
sleep 5
read -r stopped stopped_jit <<<"$(cpu_over_window)"
echo "once they stopped: $stopped% of a core, of which the JIT $stopped_jit%"
echo "  (by thread: $(cat "$work/by-thread"))"
awk -v a="$resting" -v aj="$resting_jit" -v b="$stopped" -v bj="$stopped_jit" -v n="$rooms" \
  'BEGIN {d = (a - aj) - (b - bj); printf "empty rooms, the JIT apart: %.2f%% of a core for %d, %.3f%% each\n", d, n, d / n}'
echo "(node log in $work)"
