// Against the compose cluster on a Docker engine (ComposeClusterIT runs docker/host-network.sh):
// players join through HAProxy and collect coins in arena rooms. The test `docker kill`s the node
// hosting the most rooms when this prints `KILL <service>`, then `docker stop`s another node with
// rooms when it prints `STOP <service>`. Each time, the rooms of that node run again on a survivor
// with every player in them and at least the score each had seen, without a client reconnecting
// (the edge holds the sockets), and the longest wait for a state is printed.
// Usage: node compose-cluster.mjs <balancer URL> <operator API URL of each game node>...
import { Client } from '../../dist/index.js';
import { run, check, player, sleep, follow, handOff, points, resetGaps } from './live.mjs';

const [balancer, ...admins] = process.argv.slice(2);
const ROOMS = 6;
const MOVE_MS = 60_000;   // far above a failover or a hand-off here (docker/README.md has the figures)
const run_ = Date.now() % 100000;

await run(360, async () => {
  const client = new Client(balancer);
  const rooms = [];
  for (let i = 0; i < ROOMS; i++) {
    const id = `compose-${run_}-${i}`;
    rooms.push({ id, players: [follow(await client.join(id, { name: 'Ada' })), follow(await client.join(id, { name: 'Bob' }))] });
  }
  for (let i = 0; i < 600 && !rooms.every(r => r.players[0].state && points(r.players[0].state) > 0); i++) await sleep(100);
  check(rooms.every(r => points(r.players[0].state) > 0), 'every room has scored within 60 s');

  const victim = await busiest(rooms, []);
  await survives(rooms, victim, 'KILL', 'KILLED');
  const stopped = await busiest(rooms, [victim]);
  await survives(rooms, stopped, 'STOP', 'STOPPED');
  rooms.flatMap(r => r.players).forEach(p => p.room.leave());
});

/** The game node (its compose service) hosting the most of `rooms`, among those not in `gone`. */
async function busiest(rooms, gone) {
  const count = new Map();
  for (const r of rooms) {
    r.node = await nodeOf(r.id);
    count.set(r.node, (count.get(r.node) ?? 0) + 1);
  }
  console.log(`rooms per node: ${[...count].map(([node, n]) => `${node} ${n}`).join(', ')}`);
  const [node] = [...count].filter(([n]) => !gone.includes(n)).sort((a, b) => b[1] - a[1])[0];
  return node;
}

/** The compose service whose node hosts room `id`, from any operator API that answers. */
async function nodeOf(id) {
  for (const admin of admins) {
    try {
      const answer = await fetch(`${admin}/admin/rooms/${id}`, { signal: AbortSignal.timeout(5_000) });
      if (answer.ok) return /@([^:]+):/.exec((await answer.json()).node)[1];
    } catch {
      // that node is down: ask the next
    }
  }
  return null;
}

/**
 * Has the test take `node` away (`verb` it, then it answers `done`), and waits until every room it
 * hosted runs on another node with both players and at least the scores they had seen.
 */
async function survives(rooms, node, verb, done) {
  const moved = rooms.filter(r => r.node === node);
  const everyone = rooms.flatMap(r => r.players);
  const seen = everyone.map(p => p.maxScore);
  resetGaps(everyone);
  const closes = everyone.reduce((sum, p) => sum + p.closes, 0);
  const started = Date.now();
  await handOff(`${verb} ${node}`, done);
  for (const r of moved) {
    for (;;) {
      const host = await nodeOf(r.id);
      if (host !== null && host !== node && r.players.every(p => p.lastAt > Date.now() - 1_000)) break;
      check(Date.now() - started < MOVE_MS, `${r.id}: not running on another node ${MOVE_MS / 1000} s after ${verb} ${node} (${host})`);
      await sleep(200);
    }
  }
  const back = Date.now() - started;
  for (const [i, p] of everyone.entries()) {
    const me = player(p.state, p.room.playerId);
    check(me !== undefined && p.state.players.length === 2, `${p.room.id}: ${p.state.players.length} players after ${verb} ${node}`);
    check(me.score >= seen[i], `${p.room.id}: score ${me.score} after ${verb} ${node}, ${seen[i]} seen before`);
  }
  check(everyone.reduce((sum, p) => sum + p.closes, 0) === closes, `a client lost its connection to the edge on ${verb} ${node}`);
  const gaps = moved.flatMap(r => r.players.map(p => p.maxGap));
  console.log(`${verb} ${node}: its ${moved.length} rooms run elsewhere after ${(back / 1000).toFixed(1)} s, `
    + `longest wait for a state ${(Math.max(...gaps) / 1000).toFixed(1)} s, scores kept`);
}
