# Sourced by bench.sh and storm.sh: starts one node from the shaded jar in its own JVM on loopback
# and waits until it is ready. Sets $node (its pid), $work (a temp dir with its log) and $root; the
# node is stopped and its H2 files deleted on exit.
#
#   start_node h2|postgres
start_node() {
  local store=$1
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  work=$(mktemp -d /tmp/arena-bench.XXXXXX)
  http_port=${BENCH_HTTP_PORT:-18080}
  admin_port=${BENCH_ADMIN_PORT:-18558}
  export GAME_HTTP_PORT=$http_port GAME_ADMIN_PORT=$admin_port GAME_CLUSTER_PORT=${BENCH_CLUSTER_PORT:-25599}
  export GAME_STORE=$store GAME_DATA_DIR=$work/data GAME_SECRET=bench-secret-bench-secret-bench-secret
  if [ "$store" = postgres ]; then
    export PGPASSWORD=game
    psql -q -h 127.0.0.1 -U game -d game -c "DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench" >/dev/null
    export GAME_DB_URL="jdbc:postgresql://127.0.0.1:5432/game?currentSchema=bench" GAME_DB_USER=game GAME_DB_PASSWORD=game
  fi
  java ${BENCH_HEAP:--Xmx512m} ${BENCH_JAVA_OPTS:-} -jar "$root/server/target/game-server.jar" >"$work/node.log" 2>&1 &
  node=$!
  # The node's H2 files run to tens of MiB a run; the logs, metrics and report stay.
  trap 'kill $node 2>/dev/null || true; wait $node 2>/dev/null || true; rm -rf "$work/data"' EXIT
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$admin_port/health/ready" >/dev/null && break
    sleep 1
  done
  kill -0 $node 2>/dev/null && curl -sf "http://127.0.0.1:$admin_port/health/ready" >/dev/null \
    || { echo "node did not start; see $work/node.log" >&2; exit 1; }
}

# The node's resident memory in KiB.
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$node/status"; }
