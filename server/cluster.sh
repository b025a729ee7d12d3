#!/usr/bin/env bash
# A local cluster on loopback for trying failover by hand: nodes run server/target/game-server.jar
# on PostgreSQL (`bash .ci/postgres` provides one). Node K serves players on port 8079+K,
# operators on 8557+K and the cluster on 25519+K; nodes 1 and 2 are the seeds. Logs and pids
# live in server/target/cluster/.
#
#   server/cluster.sh start [N]    start nodes 1..N (default 3) and wait until they are Up
#   server/cluster.sh kill K       kill -9 node K
#   server/cluster.sh stop K       SIGTERM node K: rooms checkpoint and hand over
#   server/cluster.sh restart K    start node K again (after kill or stop); its log goes on
#   server/cluster.sh status       nodes, members, shards and rooms per node
#   server/cluster.sh watch [S]    status for S seconds (default 30): a new one every 0.6-0.7 s, 1.9-2.0 s
#                                  while a node is unreachable (its shard query waits for it)
#   server/cluster.sh room ID      which node hosts room ID, its players and last checkpoint
#                                  (while it recovers after a kill: says so, and asks again)
#   server/cluster.sh down         stop every node and wait until each has exited
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
  # Appended: the log of a node that was killed is the evidence of what happened.
  echo "==== node$k starting at $(date '+%F %T.%3N') ====" >> "$state/node$k.log"
  GAME_HTTP_PORT=$(http_port "$k") GAME_ADMIN_PORT=$(admin_port "$k") \
    GAME_CLUSTER_HOST=127.0.0.1 GAME_CLUSTER_PORT=$(cluster_port "$k") GAME_SEED_NODES=$seeds \
    GAME_ROLES="${!roles_var:-${GAME_ROLES:-edge,game}}" GAME_SECRET=$(secret) \
    nohup java -Xmx256m -jar "$jar" >> "$state/node$k.log" 2>&1 &
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
admin_auth=()
[ -z "${GAME_ADMIN_TOKEN:-}" ] || admin_auth=(-H "Authorization: Bearer $GAME_ADMIN_TOKEN")
admin_get() {
  curl -sf -m "${2:-5}" "${admin_auth[@]}" "$1"
}

# As admin_get, but prints the body whatever the status, then the status code on a line of its own.
admin_get_status() {
  curl -s -m "${2:-5}" -w '\n%{http_code}' "${admin_auth[@]}" "$1" || true
}

# Node K's cluster port is 25519+K: the number of the node at a cluster address.
node_of() {
  local port
  port=$(echo "$1" | sed -n 's/.*:\([0-9]*\)$/\1/p')
  if [ -n "$port" ]; then echo $((port - 25519)); fi
}

# SIGTERM nodes $@ and wait until their processes are gone (60 s at most).
stop_and_wait() {
  local k pids=()
  for k in "$@"; do
    is_running "$k" || continue
    pids+=("$(pid_of "$k")")
    kill -TERM "$(pid_of "$k")"
    echo "node$k sent SIGTERM at $(date +%T.%3N)"
  done
  for _ in $(seq 1 600); do
    local alive=0 pid
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && return
    sleep 0.1
  done
  echo "nodes $* still running 60 s after SIGTERM" >&2
  exit 1
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
  local cluster shards shards_file shards_pid
  shards_file=$(mktemp)
  (admin_get "http://127.0.0.1:$admin/admin/shards" 1 || echo '{}') > "$shards_file" &
  shards_pid=$!
  cluster=$(admin_get "http://127.0.0.1:$admin/admin/cluster" 1 || echo '{}')
  # That query only: a bare `wait` would also wait for the nodes `start` has just launched.
  wait "$shards_pid" || true
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
    # A room whose node was just killed answers only once it has recovered elsewhere (7-12 s):
    # the operator API says 503 until then, and this asks again for up to 30 s.
    for attempt in $(seq 1 30); do
      admin=$(any_ready_admin)
      [ -n "$admin" ] || { echo "no node answers" >&2; exit 1; }
      answer=$(admin_get_status "http://127.0.0.1:$admin/admin/rooms/${2:?which room}" 6)
      code=$(echo "$answer" | tail -n 1)
      body=$(echo "$answer" | sed '$d')
      case "$code" in
        200)
          node=$(echo "$body" | sed -n 's/.*"node":"\([^"]*\)".*/\1/p')
          [ -n "$node" ] && echo "room ${2} is on node$(node_of "$node")"
          echo "$body"
          exit 0
          ;;
        404) echo "no room ${2}"; exit 1 ;;
        503)
          [ "$attempt" -eq 1 ] && echo "room ${2} is not answering yet: recovering after its node went away, or starting; asking again"
          sleep 1
          ;;
        *) echo "the operator API answered ${code:-nothing}: $body" >&2; exit 1 ;;
      esac
    done
    echo "room ${2} did not answer within 30 s" >&2
    exit 1
    ;;
  down)
    # All at once, the leader waits for members that are already gone and its leaving times out
    # after 10 s (12 s to stop three nodes); the others first, then the leader: about 6 s.
    admin=$(any_ready_admin)
    leader=""
    [ -n "$admin" ] && leader=$(node_of "$(admin_get "http://127.0.0.1:$admin/admin/cluster" 2 \
      | sed -n 's/.*"leader":"\([^"]*\)".*/\1/p')")
    others=()
    for k in $(seq 1 "$max_nodes"); do
      if is_running "$k" && [ "$k" != "$leader" ]; then others+=("$k"); fi
    done
    started=$SECONDS
    [ ${#others[@]} -eq 0 ] || stop_and_wait "${others[@]}"
    [ -z "$leader" ] || stop_and_wait "$leader"
    echo "every node has exited ($((SECONDS - started)) s)"
    ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
