#!/bin/sh
# Starts one node. Configuration comes only from the GAME_* variables (protocol/README.md section 8).
set -eu

# Peers dial a node at exactly the address it advertises, so it must be this container's own.
# Nodes with a stable name (seeds, StatefulSet pods) set GAME_CLUSTER_HOST; a replica of a scaled
# service has no name of its own, so it advertises its IP address.
if [ -z "${GAME_CLUSTER_HOST:-}" ]; then
  GAME_CLUSTER_HOST=$(hostname -i | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) { print $i; exit } }')
  if [ -z "$GAME_CLUSTER_HOST" ]; then
    echo "no IPv4 address for $(hostname); set GAME_CLUSTER_HOST to the address peers reach" >&2
    exit 1
  fi
  export GAME_CLUSTER_HOST
fi

# Artery binds to that name. A StatefulSet pod's DNS name appears a moment after the pod starts,
# so give it a while rather than failing the first start.
for _ in $(seq 1 30); do
  getent hosts "$GAME_CLUSTER_HOST" > /dev/null && break
  sleep 1
done

# Heap as a share of the container's memory limit, never a fixed -Xmx; an OutOfMemoryError ends
# the process so the orchestrator restarts it instead of leaving a half-working node. 40%, not
# more: a node holds about 250 MiB besides its heap (classes, compiled code, threads; measured in
# loadtest/BENCHMARKS.md, "Memory"), so in a 512 MiB container 75% (384 MiB of heap) could fill
# to past the limit and be killed; at 40%, 1000 players took 358 MiB of RSS (loadtest/bench.sh).
# Two malloc arenas: glibc's default of eight per core keeps what the JVM's threads free.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
exec java -XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError -jar /app/game-server.jar "$@"
