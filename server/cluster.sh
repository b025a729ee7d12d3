#!/usr/bin/env bash
# A local cluster on loopback for trying failover by hand: nodes run server/target/game-server.jar
# on PostgreSQL (`bash .ci/postgres` provides one). Node K serves players on port 8079+K,
# operators on 8557+K and the cluster on 25519+K; nodes 1 and 2 are the seeds. Logs and pids
# live in server/target/cluster/.
#
#   server/cluster.sh start [N]    start nodes 1..N (default 3) and wait until they are Up
#   server/cluster.sh kill K       kill -9 node K
#   server/cluster.sh stop K       SIGTERM node K: rooms checkpoint and hand over
#   server/cluster.sh restart K    start node K again (after kill or stop)
#   server/cluster.sh status       nodes, members, shards and rooms per node
#   server/cluster.sh watch [S]    status for S seconds (default 30), a new one every 0.5-1.5 s
#   server/cluster.sh room ID      which node hosts room ID, its players and last checkpoint
#   server/cluster.sh down         SIGTERM every node
#
# Environment: GAME_DB_URL, GAME_DB_USER, GAME_DB_PASSWORD (default: the database .ci/postgres
# creates); GAME_ROLES for every node, or NODE<K>_ROLES for node K (e.g. NODE3_ROLES=edge);
# GAME_AUTH_SECRET and GAME_ADMIN_TOKEN pass through to every node (the tool uses the latter too).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/game-server.jar"
state="$here/target/cluster"
export GAME_STORE=postgres
export GAME_DB_URL="${GAME_DB_URL:-jdbc:postgresql://127.0.0.1:5432/game}"
export GAME_DB_USER="${GAME_DB_USER:-game}"
export GAME_DB_PASSWORD="${GAME_DB_PASSWORD:-game}"
seeds="127.0.0.1:25520,127.0.0.1:25521"
max_nodes=9

http_port() { echo $((8079 + $1)); }
admin_port() { echo $((8557 + $1)); }
cluster_port() { echo $((25519 + $1)); }
pid_of() { cat "$state/node$1.pid" 2>/dev/null || true; }

is_running() {
  local pid
  pid=$(pid_of "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

check_node() {
  if ! [[ "$1" =~ ^[1-9]$ ]] || [ "$1" -gt "$max_nodes" ]; then
    echo "node must be 1 to $max_nodes, not '$1'" >&2
    exit 2
  fi
}

# Every node must sign resume tokens with the same secret, so players can resume anywhere.
secret() {
  if [ ! -s "$state/secret" ]; then
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$state/secret"
  fi
  cat "$state/secret"
}

start_node() {
  local k=$1
  check_node "$k"
  if is_running "$k"; then
    echo "node$k is already running (pid $(pid_of "$k"))"
    return
  fi
  local roles_var="NODE${k}_ROLES"
  GAME_HTTP_PORT=$(http_port "$k") GAME_ADMIN_PORT=$(admin_port "$k") \
    GAME_CLUSTER_HOST=127.0.0.1 GAME_CLUSTER_PORT=$(cluster_port "$k") GAME_SEED_NODES=$seeds \
    GAME_ROLES="${!roles_var:-${GAME_ROLES:-edge,game}}" GAME_SECRET=$(secret) \
    nohup java -Xmx256m -jar "$jar" > "$state/node$k.log" 2>&1 &
  echo $! > "$state/node$k.pid"
  echo "node$k started (pid $!): players ws://127.0.0.1:$(http_port "$k")/ws, operators http://127.0.0.1:$(admin_port "$k")"
}

wait_ready() {
  local k=$1
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$(admin_port "$k")/health/ready" > /dev/null; then
      echo "node$k is Up"
      return
    fi
    is_running "$k" || { echo "node$k died; see $state/node$k.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "node$k not ready after 60 s; see $state/node$k.log" >&2
  exit 1
}

# The operator API wants the bearer token when the nodes have one. $2: seconds to wait (5).
admin_get() {
  if [ -n "${GAME_ADMIN_TOKEN:-}" ]; then
    curl -sf -m "${2:-5}" -H "Authorization: Bearer $GAME_ADMIN_TOKEN" "$1"
  else
    curl -sf -m "${2:-5}" "$1"
  fi
}

any_ready_admin() {
  for k in $(seq 1 "$max_nodes"); do
    if is_running "$k" && curl -sf "http://127.0.0.1:$(admin_port "$k")/health/alive" > /dev/null; then
      admin_port "$k"
      return
    fi
  done
}

status() {
  local k admin
  for k in $(seq 1 "$max_nodes"); do
    [ -f "$state/node$k.pid" ] || continue
    if is_running "$k"; then
      printf 'node%s  running  pid %-7s players :%s  operators :%s\n' "$k" "$(pid_of "$k")" \
        "$(http_port "$k")" "$(admin_port "$k")"
    else
      printf 'node%s  down\n' "$k"
    fi
  done
  admin=$(any_ready_admin)
  if [ -z "$admin" ]; then
    echo "no node answers"
    return
  fi
  # While a node is unreachable the shard query waits up to 3 s for its answer: ask both at once,
  # and give the shards 1 s, so that watch keeps its pace and shows the unreachable phase.
  local cluster shards shards_file
  shards_file=$(mktemp)
  (admin_get "http://127.0.0.1:$admin/admin/shards" 1 || echo '{}') > "$shards_file" &
  cluster=$(admin_get "http://127.0.0.1:$admin/admin/cluster" 1 || echo '{}')
  wait
  shards=$(cat "$shards_file")
  rm -f "$shards_file"
  if command -v python3 > /dev/null; then
    python3 - "$cluster" "$shards" <<'EOF'
import json, sys
cluster, shards = json.loads(sys.argv[1]), json.loads(sys.argv[2])
rooms = {n["address"]: n for n in shards.get("nodes", [])}
print("members (as seen by %s):" % cluster.get("self", "?"))
for m in cluster.get("members", []):
    region = rooms.get(m["address"], {})
    print("  %-28s %-8s %-10s %3s rooms  shards %s" % (m["address"], m["status"], ",".join(m["roles"]),
          region.get("rooms", "-"), ",".join(region.get("shards", [])) or "-"))
for address in cluster.get("unreachable", []):
    print("  unreachable: %s" % address)
EOF
  else
    echo "$cluster"
    echo "$shards"
  fi
}

command=${1:-status}
mkdir -p "$state"
case "$command" in
  start)
    count=${2:-3}
    check_node "$count"
    [ -f "$jar" ] || (cd "$here/.." && mvn -B -q package -DskipTests)
    for k in $(seq 1 "$count"); do start_node "$k"; done
    for k in $(seq 1 "$count"); do wait_ready "$k"; done
    status
    ;;
  kill)
    check_node "${2:?which node}"
    is_running "$2" || { echo "node$2 is not running" >&2; exit 1; }
    kill -9 "$(pid_of "$2")"
    echo "node$2 killed with SIGKILL at $(date +%T.%3N)"
    ;;
  stop)
    check_node "${2:?which node}"
    is_running "$2" || { echo "node$2 is not running" >&2; exit 1; }
    kill -TERM "$(pid_of "$2")"
    echo "node$2 sent SIGTERM at $(date +%T.%3N)"
    ;;
  restart)
    start_node "${2:?which node}"
    wait_ready "$2"
    ;;
  status)
    status
    ;;
  watch)
    end=$((SECONDS + ${2:-30}))
    while [ "$SECONDS" -lt "$end" ]; do
      frame=$(date +%T.%1N; status)
      clear 2> /dev/null || true
      echo "$frame"
      sleep 0.5
    done
    ;;
  room)
    admin=$(any_ready_admin)
    [ -n "$admin" ] || { echo "no node answers" >&2; exit 1; }
    room=$(admin_get "http://127.0.0.1:$admin/admin/rooms/${2:?which room}") || { echo "no room ${2}"; exit 1; }
    # Node K's cluster port is 25519+K: name the node by its number, as kill, stop and restart do.
    port=$(echo "$room" | sed -n 's/.*"node":"[^"]*:\([0-9]*\)".*/\1/p')
    [ -n "$port" ] && echo "room ${2} is on node$((port - 25519))"
    echo "$room"
    ;;
  down)
    for k in $(seq 1 "$max_nodes"); do
      if is_running "$k"; then kill -TERM "$(pid_of "$k")"; echo "node$k sent SIGTERM"; fi
    done
    ;;
  *)
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
