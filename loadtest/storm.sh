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
hold_client storm.log 120 "$hold" SocketStorm "${http_ports[0]}" "$sockets" "$hold"
holding=$(rss_kib "${nodes[0]}")
open=$(ls "/proc/${nodes[0]}/fd" | wc -l)
wait $client
cat "$work/storm.log"
echo "node: RSS $((before / 1024)) MiB before, $((holding / 1024)) MiB holding the sockets ($open file descriptors):" \
  "$(( (holding - before) * 1024 / sockets )) bytes per idle socket"
echo "(node log in $work)"
