// Against a two-node cluster: the SDK joins an arena room hosted by node A through A's edge and
// collects coins; A is killed with kill -9 (by ClientSdkIT, when this prints KILL). With no line
// of reconnect code here, the room reports reconnecting then reconnected, through B, with the
// score it had shown and no seq used twice. Then B is killed too (KILL-ALL): the room ends in
// `lost` within the reconnect bound, giveUpAfterMs.
// Usage: node survive-kill.mjs <edge URL of A> <edge URL of B> <A's cluster address> <B's admin URL>
import { Client } from '../../dist/index.js';
import { run, check, nextEvent, chase, player } from './live.mjs';

const [edgeA, edgeB, addressA, adminB] = process.argv.slice(2);
const GIVE_UP_MS = 20_000;   // above a failover's 5-12 s here, so the first kill is survived
const client = new Client([edgeA, edgeB], { reconnect: { giveUpAfterMs: GIVE_UP_MS } });

await run(240, async () => {
  const room = await roomOnA();
  const events = [];
  for (const name of ['reconnecting', 'joined', 'reconnected', 'lost', 'leave']) room.on(name, () => events.push(name));
  const refused = [];
  room.on('error', error => refused.push(`${error.code}: ${error.message}`));
  const seqs = [];
  const before = await chase(room, (s, me) => me.score >= 2, 60_000, seqs);
  const shown = player(before, room.playerId).score;
  console.log(`${room.id} on A: score ${shown} shown after ${seqs.length} inputs; killing A`);

  const reconnecting = nextEvent(room, 'reconnecting', 10_000);
  const reconnected = nextEvent(room, 'reconnected', 60_000);
  const joined = nextEvent(room, 'joined', 60_000);
  console.log('KILL');
  const sentBeforeKill = seqs.length;
  console.log(`reconnecting: ${(await reconnecting).reason}`);
  const back = await reconnected;
  const { lastSeq } = await joined;
  console.log(`reconnected after ${back.afterMs} ms and ${back.attempts} attempts, through ${back.edge}; lastSeq ${lastSeq}`);
  check(back.edge.startsWith(edgeB), `resumed through ${back.edge}, not B`);

  // The room came back with the score shown, and takes inputs numbered above everything sent.
  const after = await chase(room, (s, me) => s.acks[me.id] > Math.max(lastSeq, seqs[sentBeforeKill - 1]), 30_000, seqs);
  const score = player(after, room.playerId).score;
  check(score >= shown, `score ${score} after the failover, ${shown} shown before`);
  check(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]), 'every seq above the one before');
  const firstAfter = seqs.find((seq, i) => i >= sentBeforeKill && seq > seqs[sentBeforeKill - 1]);
  check(firstAfter > lastSeq, `first seq after the resume ${firstAfter}, lastSeq ${lastSeq}`);
  check(refused.length === 0, `the server refused inputs: ${refused.join('; ')}`);
  check(events.join(',') === 'reconnecting,joined,reconnected', `events ${events}`);
  console.log(`after the failover: score ${score}, ack ${after.acks[room.playerId]}, ${seqs.length} seqs all rising`);

  const lost = nextEvent(room, 'lost', GIVE_UP_MS + 15_000);
  console.log('KILL-ALL');
  const killedAt = Date.now();
  const gone = await lost;
  const elapsed = Date.now() - killedAt;
  console.log(`lost after ${elapsed} ms: ${gone.code}: ${gone.reason}`);
  check(gone.code === 'gave_up', `lost with ${gone.code}`);
  // The bound: giveUpAfterMs after the close, plus one join timeout for an attempt under way;
  // against dead nodes connecting fails at once. The kill itself takes up to a second to land.
  check(elapsed <= GIVE_UP_MS + 2_000, `lost ${elapsed} ms after the kill; the bound is ${GIVE_UP_MS} ms`);
  check(events.slice(3).join(',') === 'reconnecting,lost', `events ${events}`);
});

/** An arena room that node A hosts, joined through A's edge: room ids are tried until one is A's. */
async function roomOnA() {
  for (let i = 0; i < 40; i++) {
    const room = await client.join(`sdk-kill-${Date.now() % 100000}-${i}`, { name: 'Ada' });
    const answer = await fetch(`${adminB}/admin/rooms/${room.id}`);
    const node = answer.ok ? (await answer.json()).node : null;
    if (node === addressA) return room;
    room.leave();
  }
  throw new Error(`none of 40 rooms is hosted by ${addressA}`);
}
