# Sourced by the bench scripts here: starts nodes from the shaded jar, each in its own JVM on
# loopback, and waits until each is ready. Sets $root and $work (a temp dir with the nodes' logs),
# appends each node's pid to $nodes and its ports to $http_ports and $admin_ports. The nodes are
# stopped, and their H2 files deleted, on exit.
#
#   start_node h2|postgres [ROLES] [INDEX]
#
# Node INDEX (0 by default) uses the base ports plus INDEX; node 0 is the cluster's seed.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/arena-bench.XXXXXX)
nodes=()
nodes_extra=()
http_ports=()
admin_ports=()
trap 'for pid in "${nodes[@]}" "${nodes_extra[@]}"; do kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; done; rm -rf "$work"/data*' EXIT

start_node() {
  local store=$1 roles=${2:-edge,game} index=${3:-0}
  local http=$((${BENCH_HTTP_PORT:-18080} + index)) admin=$((${BENCH_ADMIN_PORT:-18558} + index))
  local seed=${BENCH_CLUSTER_PORT:-25599}
  local db=()
  if [ "$store" = postgres ]; then
    if [ "$index" = 0 ]; then
      PGPASSWORD=game psql -q -h 127.0.0.1 -U game -d game \
        -c "DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench" >/dev/null
    fi
    db=(GAME_DB_URL="jdbc:postgresql://127.0.0.1:5432/game?currentSchema=bench" GAME_DB_USER=game GAME_DB_PASSWORD=game)
  fi
  env GAME_HTTP_PORT=$http GAME_ADMIN_PORT=$admin GAME_CLUSTER_PORT=$((seed + index)) \
    GAME_SEED_NODES=127.0.0.1:$seed GAME_ROLES=$roles GAME_STORE=$store GAME_DATA_DIR="$work/data$index" \
    GAME_SECRET=bench-secret-bench-secret-bench-secret "${db[@]}" \
    java ${BENCH_HEAP:--Xmx512m} ${BENCH_JAVA_OPTS:-} -jar "${BENCH_JAR:-$root/server/target/game-server.jar}" \
    >"$work/node$index.log" 2>&1 &
  nodes+=($!)
  http_ports+=($http)
  admin_ports+=($admin)
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$admin/health/ready" >/dev/null && return 0
    kill -0 "${nodes[-1]}" 2>/dev/null || break
    sleep 1
  done
  echo "node $index did not start; see $work/node$index.log" >&2
  exit 1
}

# Runs CLASS of loadtest's test classes (built first) with ARGS in the background, its output in
# $work/LOG, and returns in the middle of its hold: once it prints "holding" (within WITHIN_S
# seconds) and HOLD_S / 2 more have passed. Sets $client to its pid. Used by storm.sh and
# roomheap.sh, whose clients hold sockets for the node to be measured meanwhile.
#
#   hold_client LOG WITHIN_S HOLD_S CLASS ARGS...
hold_client() {
  local log=$1 within=$2 hold=$3 class=$4
  shift 4
  java -Xmx1g -cp "$root/loadtest/target/test-classes" "io.arena.loadtest.$class" "$@" >"$work/$log" 2>&1 &
  client=$!
  for _ in $(seq 1 "$within"); do
    grep -q "holding" "$work/$log" && break
    sleep 1
  done
  sleep $((hold / 2))
}

# HAProxy in front of the nodes' edges, configured as docker/haproxy.cfg (balanced by the room the
# client names, health-checked on /health/ready) with the nodes as its servers and loopback ports.
# Sets $lb_port; stopped on exit with the nodes.
start_haproxy() {
  lb_port=${BENCH_LB_PORT:-18090}
  local servers="" i
  for i in "${!http_ports[@]}"; do
    servers+="    server edge$i 127.0.0.1:${http_ports[$i]} check port ${admin_ports[$i]}\n"
  done
  # The Docker parts go (its DNS resolver, the server template); maxconn fits this machine's
  # 20000 open files, as docker/host-network.sh does.
  awk -v port="$lb_port" -v servers="$servers" '
    /^resolvers docker/ {skip = 1; next}
    skip && /^$/ {skip = 0; next}
    skip {next}
    /maxconn 20000/ {sub(/20000/, "9000")}
    /bind :8080/ {print "    bind 127.0.0.1:" port; next}
    /^frontend stats/ {stats = 1}
    stats {next}
    /default-server/ {sub(/ port 8558/, ""); sub(/ resolvers docker init-addr none/, "")}
    /server-template/ {printf "%s", servers; next}
    {print}' "$root/docker/haproxy.cfg" >"$work/haproxy.cfg"
  haproxy -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
  nodes_extra+=($!)
  for _ in $(seq 1 30); do
    curl -s -o /dev/null "http://127.0.0.1:$lb_port/" && return 0
    sleep 1
  done
  echo "HAProxy did not start; see $work/haproxy.log" >&2
  exit 1
}

# Each thread of every node: its id, CPU ticks in user space and in the kernel, and name (the name
# sits in parentheses and may hold spaces; they become underscores: "C2_CompilerThre").
thread_ticks() {
  for task in $(for pid in "${nodes[@]}"; do echo /proc/$pid/task/*; done); do
    sed -E 's/^([0-9]+) \((.*)\) [A-Za-z] (([^ ]+ ){10})([0-9]+) ([0-9]+) .*/\1 \5 \6 \2/' "$task/stat" 2>/dev/null || true
  done | awk '{name = $4; for (i = 5; i <= NF; i++) name = name "_" $i; print $1, $2, $3, name}'
}

# An awk function naming what a thread of a node does, from the name the JVM gave it (Linux keeps
# its first 15 characters). The serial collector collects in the "VM Thread".
thread_group='
  function group(name) {
    if (name ~ /^edge-/) return "edge event loops"
    if (name ~ /^game-akka\.actor/) return "actor dispatcher"
    if (name ~ /^game-scheduler/) return "Akka scheduler"
    if (name ~ /^game-akka/) return "Akka IO and remoting"
    if (name ~ /^(db-|MVStore|H2)/) return "store"
    if (name ~ /^(GC_Thread|G1_|VM_Thread)/) return "GC and safepoints"
    if (name ~ /^C[12]_Compiler/) return "JIT"
    return "other"
  }'

# A metric summed over all nodes (only edges count frames and inputs), as a whole number.
metric() {
  for admin in "${admin_ports[@]}"; do curl -s "http://127.0.0.1:$admin/metrics"; done \
    | awk -v m="$1" '$1 == m {sum += $2} END {printf "%.0f", sum}'
}

# CPU ticks of all nodes together: user + system.
cpu_ticks() { for pid in "${nodes[@]}"; do cat "/proc/$pid/stat"; done | awk '{sum += $14 + $15} END {print sum}'; }

# A node's resident memory in KiB.
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
