#!/usr/bin/env bash
# Heap per open tic-tac-toe room for loadtest/BENCHMARKS.md: a node (its own JVM) holds
# ROOMS rooms, each with two players seated mid-round (RoomHeap); prints the node's live heap
# after a full GC before the rooms open and while they are held, and the difference per room,
# sockets included. Loopback only.
#
#   loadtest/roomheap.sh ROOMS [HOLD_S] [h2|postgres]
#
# ROOMHEAP_HISTOGRAM=1 also prints the classes whose live instances grew most, in bytes per room,
# and the growth by library.
#
# Needs server/target/game-server.jar and the server's test-jar in the local repository
# (`mvn -B -q install -DskipTests`), and for postgres the database .ci/postgres provides.
set -euo pipefail

rooms=${1:?number of rooms}
hold=${2:-60}
store=${3:-h2}
source "$(dirname "$0")/node.sh"
start_node "$store"
(cd "$root" && mvn -B -q -pl loadtest test-compile)

# Live objects by class, counted after the full collection the histogram itself triggers: "bytes
# class" lines. (G1's "used" after a GC.run was 2.5 times higher: what the node allocated in the
# moment between the collection and the reading.)
histogram() { jcmd "${nodes[0]}" GC.class_histogram | awk '$1 ~ /^[0-9]+:$/ {print $3, $4}'; }
live_heap_kib() { histogram | tee "$work/histogram-$1" | awk '{sum += $1} END {printf "%.0f", sum / 1024}'; }

sleep 10 # the node settles after its start
before=$(live_heap_kib before)
hold_client rooms.log 300 "$hold" RoomHeap "${http_ports[0]}" "$rooms" "$hold"
holding=$(live_heap_kib holding)
open_rooms=$(curl -s "http://127.0.0.1:${admin_ports[0]}/metrics" | awk '$1 == "game_rooms" {print $2}')
wait $client
cat "$work/rooms.log"
echo "node: live heap $((before / 1024)) MiB before, $((holding / 1024)) MiB holding $open_rooms rooms:" \
  "$(( (holding - before) * 1024 / rooms )) bytes per room with its two players and their sockets"
if [ "${ROOMHEAP_HISTOGRAM:-0}" = 1 ]; then
  echo "bytes per room by class (the largest growths):"
  awk -v rooms="$rooms" 'NR == FNR {before[$2] = $1; next}
    {grown = $1 - before[$2]; if (grown > 0) printf "%8.0f %s\n", grown / rooms, $2}' \
    "$work/histogram-before" "$work/histogram-holding" | sort -rn | head -25
  awk -v rooms="$rooms" 'NR == FNR {before[$2] = $1; next}
    {grown = $1 - before[$2]
     if ($2 ~ /h2/) by["H2 (the embedded store)"] += grown
     else if ($2 ~ /netty/) by["Netty (sockets)"] += grown
     else if ($2 ~ /^(akka|scala)/) by["Akka and Scala"] += grown
     else if ($2 ~ /io\.arena/) by["this project"] += grown
     else by["arrays, strings, maps"] += grown}
    END {printf "by library, bytes per room:"; for (b in by) printf " %s %.0f;", b, by[b] / rooms; print ""}' \
    "$work/histogram-before" "$work/histogram-holding"
fi
echo "(node log in $work)"
