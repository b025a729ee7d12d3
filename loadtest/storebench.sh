#!/usr/bin/env bash
# What one PostgreSQL sustains through the rooms' write path, for loadtest/BENCHMARKS.md (issue
# 23, part 4). For each ROOMS, StoreBenchmark (server test classes) runs that many arena rooms of
# eight in one JVM that only writes: a checkpoint per room every GAME_CHECKPOINT_INTERVAL, FACTS
# scores a second per room, a join and a leave every STAY_S / 8 s per room, through the real ledger
# and akka-persistence-jdbc, into a fresh schema. Prints its figures per run, with the CPU of the
# writing JVM and of every PostgreSQL process over the measured window, and the WAL it wrote.
#
#   loadtest/storebench.sh "ROOMS..." [WARM_S] [MEASURE_S] [FACTS] [STAY_S]
#
# STOREBENCH_URL_PARAMS adds to the JDBC URL (e.g. "&reWriteBatchedInserts=true"); BENCH_JAVA_OPTS
# passes JVM flags (e.g. -Djdbc-journal.parallelism=2).
#
# Needs server/target/game-server.jar and the server's test classes (`mvn -B -q install
# -DskipTests`), and the database .ci/postgres provides. Loopback only.
set -euo pipefail

room_counts=${1:?room counts, e.g. "1000 4000 12500"}
warm=${2:-60}
measure=${3:-60}
facts=${4:-1}
stay=${5:-300}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/arena-storebench.XXXXXX)
hz=$(getconf CLK_TCK)
sql() { PGPASSWORD=game PGOPTIONS="-c client_min_messages=warning" psql -qtA -h 127.0.0.1 -U game -d game -c "$1"; }
ticks() { for pid in "$@"; do cat "/proc/$pid/stat" 2>/dev/null; done | awk '{sum += $14 + $15} END {print sum + 0}'; }
postgres_pids() { pgrep -x postgres || true; }
bench=
trap '[ -n "$bench" ] && kill $bench 2>/dev/null; sql "DROP SCHEMA IF EXISTS storebench CASCADE" >/dev/null' EXIT

for rooms in $room_counts; do
  sql "DROP SCHEMA IF EXISTS storebench CASCADE; CREATE SCHEMA storebench" >/dev/null
  GAME_STORE=postgres GAME_DB_URL="jdbc:postgresql://127.0.0.1:5432/game?currentSchema=storebench${STOREBENCH_URL_PARAMS:-}" \
    GAME_DB_USER=game GAME_DB_PASSWORD=game \
    java ${BENCH_HEAP:--Xmx1g} ${BENCH_JAVA_OPTS:-} \
    -cp "$root/server/target/game-server.jar:$root/server/target/test-classes" \
    io.arena.server.room.StoreBenchmark "$rooms" "$warm" "$measure" "$facts" "$stay" >"$work/run-$rooms.log" 2>&1 &
  bench=$!
  sleep "$warm"
  pg=$(postgres_pids)
  t0=$(date +%s.%N) j0=$(ticks $bench) p0=$(ticks $pg) w0=$(sql "SELECT pg_current_wal_lsn()")
  sleep "$measure"
  t1=$(date +%s.%N) j1=$(ticks $bench) p1=$(ticks $pg) w1=$(sql "SELECT pg_current_wal_lsn()")
  wait $bench || { cat "$work/run-$rooms.log"; exit 1; }
  bench=
  cat "$work/run-$rooms.log"
  awk -v t="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" -v hz="$hz" \
    -v j="$((j1 - j0))" -v p="$((p1 - p0))" -v wal="$(sql "SELECT pg_wal_lsn_diff('$w1', '$w0')")" \
    'BEGIN {printf "cpu: writing JVM %.0f%%, PostgreSQL %.0f%% of a core; WAL %.1f MiB/s\n",
      100 * j / hz / t, 100 * p / hz / t, wal / t / 1048576}'
  echo "stored: $(sql "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'storebench' AND c.relkind = 'r'")"
  echo
done
