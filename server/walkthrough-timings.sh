#!/usr/bin/env bash
# Measures the walkthrough of docs/operations.md ("A local cluster: kill a node and watch") with
# server/cluster.sh itself, RUNS times (default 3): three nodes, a player in room "demo" (the client
# SDK, given all three edges), kill -9 of the node that hosts the room, then from a survivor's
# operator API every 100 ms: when the victim turns unreachable, when it is removed, when the room
# answers on a survivor; what the player lived (its longest gap between two states); and how long
# one `cluster.sh status` (what `watch` shows) takes while the victim is unreachable.
# Needs what cluster.sh needs, plus Node.js and protocol/js's `npm ci` (the player is the SDK).
#
#   server/walkthrough-timings.sh [RUNS]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cluster="$here/cluster.sh"
sdk="$here/../protocol/js/dist/index.js"
runs=${1:-3}
work=$(mktemp -d)
trap 'bash "$cluster" down > /dev/null 2>&1 || true; pkill -f "$work/player.mjs" 2>/dev/null || true; rm -rf "$work"' EXIT

[ -d "$here/../protocol/js/node_modules/ws" ] || { echo "run npm ci in protocol/js first (the player is the SDK)" >&2; exit 1; }

cat > "$work/player.mjs" <<PLAYER
// Joins room demo through all three edges, chases coins, and reports its longest gap between states.
import { Client } from '$sdk';
const room = await new Client(['ws://127.0.0.1:8080', 'ws://127.0.0.1:8081', 'ws://127.0.0.1:8082'])
  .join('demo', { name: 'walker' });
let last = Date.now(), score = 0, ready = false;
room.on('state', state => {
  const now = Date.now(), me = state.players.find(p => p.id === room.playerId);
  if (now - last > 1000) console.log(\`GAP \${now - last} \${last} \${now}\`);
  last = now;
  if (!me) return;
  if (me.score >= 1 && !ready) { ready = true; console.log('READY'); }
  const far = c => Math.hypot(c.x - me.x, c.y - me.y);
  const coin = state.coins.reduce((a, b) => (far(a) < far(b) ? a : b));
  room.send({ dx: (coin.x - me.x) / (far(coin) || 1), dy: (coin.y - me.y) / (far(coin) || 1) });
});
room.on('lost', ({ reason }) => { console.log(\`LOST \${reason}\`); process.exit(1); });
setTimeout(() => process.exit(0), 120_000);
PLAYER

now_ms() { date +%s%3N; }
admin() { curl -sf -m 2 "http://127.0.0.1:$((8557 + $1))$2" || true; }

printf '| run | room on | unreachable | removed | room answers on a survivor | player saw no state | one status while unreachable |\n'
printf '|---|---|---|---|---|---|---|\n'
for run in $(seq 1 "$runs"); do
  bash "$cluster" start 3 > /dev/null
  node "$work/player.mjs" > "$work/player.out" 2>&1 &
  for _ in $(seq 1 300); do grep -q READY "$work/player.out" && break; sleep 0.1; done
  grep -q READY "$work/player.out" || { echo "the player did not score within 30 s:" >&2; cat "$work/player.out" >&2; exit 1; }
  victim=$(bash "$cluster" room demo | sed -n 's/^room demo is on node\([0-9]\)$/\1/p')
  survivor=$(( victim % 3 + 1 ))
  address="akka://game@127.0.0.1:$((25519 + victim))"
  killed=$(now_ms)
  bash "$cluster" kill "$victim" > /dev/null
  rm -f "$work"/unreachable "$work"/removed "$work"/answered "$work"/status
  # Each watched in a loop of its own, so that a slow answer (a room query waits up to 3 s while
  # the room recovers) does not blur another's time. Each stops at its event or after 60 s.
  (for _ in $(seq 1 600); do
     t=$(now_ms); members=$(admin "$survivor" /admin/cluster)
     if [ ! -f "$work/unreachable" ] && echo "$members" | grep -q "\"unreachable\":\[[^]]*$address"; then
       echo $((t - killed)) > "$work/unreachable"
       (before=$(now_ms); bash "$cluster" status > /dev/null; echo $(( $(now_ms) - before )) > "$work/status") &
     fi
     if [ -n "$members" ] && ! echo "$members" | grep -q "\"address\":\"$address\""; then
       echo $((t - killed)) > "$work/removed"; break
     fi
     sleep 0.1
   done) &
  members_watch=$!
  (for _ in $(seq 1 600); do
     answer=$(curl -s -m 5 "http://127.0.0.1:$((8557 + survivor))/admin/rooms/demo" || true)
     if echo "$answer" | grep -q '"node":"akka' && ! echo "$answer" | grep -q "\"node\":\"$address\""; then
       echo $(( $(now_ms) - killed )) > "$work/answered"; break
     fi
     sleep 0.1
   done) &
  room_watch=$!
  wait "$members_watch" "$room_watch"   # not a bare wait: the player runs in the background too
  for _ in $(seq 1 50); do [ -f "$work/status" ] && break; sleep 0.1; done
  unreachable=$(cat "$work/unreachable" 2>/dev/null || true)
  removed=$(cat "$work/removed" 2>/dev/null || true)
  answered=$(cat "$work/answered" 2>/dev/null || true)
  status_took=$(cat "$work/status" 2>/dev/null || true)
  for _ in $(seq 1 100); do grep -q '^GAP' "$work/player.out" && break; sleep 0.1; done
  gap=$(awk -v k="$killed" '/^GAP/ && $4 > k { print $2; exit }' "$work/player.out")
  s() { [ -n "$1" ] && awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }' || echo "-"; }
  printf '| %s | node%s | %s | %s | %s | %s | %s |\n' "$run" "$victim" "$(s "$unreachable")" "$(s "$removed")" \
    "$(s "$answered")" "$(s "$gap")" "$(s "$status_took")"
  pkill -f "$work/player.mjs" || true
  bash "$cluster" down > /dev/null
done
echo "(times after the kill; server/walkthrough-timings.sh $runs, $(date +%F))"
