#!/usr/bin/env bash
# Connection capacity for loadtest/BENCHMARKS.md: a node on H2 (its own JVM) takes SOCKETS
# WebSockets opened as fast as 64 threads can (SocketStorm), while one player plays in a room;
# prints how long the storm took, failures, the player's longest gap between state frames, and
# the node's resident memory per idle socket while they are held. Loopback only.
#
#   loadtest/storm.sh SOCKETS [HOLD_S]
#
# Needs server/target/game-server.jar and the server's test-jar in the local repository
# (`mvn -B -q install -DskipTests`).
set -euo pipefail

sockets=${1:?number of sockets}
hold=${2:-30}
source "$(dirname "$0")/node.sh"
start_node h2
(cd "$root" && mvn -B -q -pl loadtest test-compile)

sleep 10 # the node settles after its start
before=$(rss_kib "${nodes[0]}")
java -Xmx1g -cp "$root/loadtest/target/test-classes" io.arena.loadtest.SocketStorm \
  "${http_ports[0]}" "$sockets" "$hold" >"$work/storm.log" 2>&1 &
storm=$!
for _ in $(seq 1 120); do
  grep -q "holding" "$work/storm.log" && break
  sleep 1
done
sleep $((hold / 2))
holding=$(rss_kib "${nodes[0]}")
open=$(ls "/proc/${nodes[0]}/fd" | wc -l)
wait $storm
cat "$work/storm.log"
echo "node: RSS $((before / 1024)) MiB before, $((holding / 1024)) MiB holding the sockets ($open file descriptors):" \
  "$(( (holding - before) * 1024 / sockets )) bytes per idle socket"
echo "(node log in $work)"
