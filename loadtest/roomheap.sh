#!/usr/bin/env bash
# Heap per open tic-tac-toe room for loadtest/BENCHMARKS.md: a node on H2 (its own JVM) holds
# ROOMS rooms, each with two players seated mid-round (RoomHeap); prints the node's live heap
# after a full GC before the rooms open and while they are held, and the difference per room,
# sockets included. Loopback only.
#
#   loadtest/roomheap.sh ROOMS [HOLD_S]
#
# Needs server/target/game-server.jar and the server's test-jar in the local repository
# (`mvn -B -q install -DskipTests`).
set -euo pipefail

rooms=${1:?number of rooms}
hold=${2:-60}
source "$(dirname "$0")/node.sh"
start_node h2
(cd "$root" && mvn -B -q -pl loadtest test-compile)

# The heap in use after a full collection, in KiB (G1's "garbage-first heap ... used NNNK").
live_heap_kib() {
  jcmd "${nodes[0]}" GC.run >/dev/null
  sleep 2
  jcmd "${nodes[0]}" GC.heap_info | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") {sub("K,?", "", $(i + 1)); print $(i + 1)}}'
}

sleep 10 # the node settles after its start
before=$(live_heap_kib)
java -Xmx1g -cp "$root/loadtest/target/test-classes" io.arena.loadtest.RoomHeap \
  "${http_ports[0]}" "$rooms" "$hold" >"$work/rooms.log" 2>&1 &
client=$!
for _ in $(seq 1 300); do
  grep -q "holding" "$work/rooms.log" && break
  sleep 1
done
sleep $((hold / 2))
holding=$(live_heap_kib)
open_rooms=$(curl -s "http://127.0.0.1:${admin_ports[0]}/metrics" | awk '$1 == "game_rooms" {print $2}')
wait $client
cat "$work/rooms.log"
echo "node: live heap $((before / 1024)) MiB before, $((holding / 1024)) MiB holding $open_rooms rooms:" \
  "$(( (holding - before) * 1024 / rooms )) bytes per room with its two players and their sockets"
echo "(node log in $work)"
