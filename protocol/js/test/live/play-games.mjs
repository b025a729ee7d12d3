// Against one real node: the SDK quick-joins and plays each bundled game (protocol/README.md
// sections 6, 12.8, 12.9), lists rooms, and its compact states equal its JSON states tick by tick.
// Usage: node play-games.mjs <edge URL>
import { isDeepStrictEqual } from 'node:util';
import { Client } from '../../dist/index.js';
import { run, check, nextEvent, chase, player, sleep } from './live.mjs';

const [edge] = process.argv.slice(2);
const json = new Client(edge);
const compact = new Client(edge, { state: 'compact' });
const mode = `sdk${Date.now() % 100000}`;

await run(120, async () => {
  await arena();
  await compactEqualsJson();
  await ticTacToe();
  await rockPaperScissors();
});

async function arena() {
  const room = await json.quickJoin({ name: 'Ada', mode });
  check(room.game === 'arena' && room.tickRate === 20, `joined ${room.game} at ${room.tickRate} Hz`);
  const seqs = [];
  const scored = await chase(room, (s, me) => me.score >= 1 && s.acks[me.id] >= 1, 30_000, seqs);
  check(seqs.every((seq, i) => seq === i + 1), `inputs numbered 1, 2, 3, ...: ${seqs.slice(0, 10)}`);
  console.log(`arena: a coin after ${seqs.length} inputs, ack ${scored.acks[room.playerId]}`);
  room.leave();
}

async function compactEqualsJson() {
  const id = `sdk-compact-${Date.now() % 100000}`;
  const viaJson = await json.join(id, { name: 'json' });
  const viaCompact = await compact.join(id, { name: 'compact' });
  const seen = { json: new Map(), compact: new Map() };
  viaJson.on('state', s => seen.json.set(s.tick, s));
  viaCompact.on('state', s => seen.compact.set(s.tick, s));
  // One chases coins for 3 s: positions, scores, acks and coins all change.
  await chase(viaCompact, () => false, 3_000).catch(() => {});
  const ticks = [...seen.compact.keys()].filter(tick => seen.json.has(tick));
  check(ticks.length >= 40, `only ${ticks.length} ticks seen by both`);
  for (const tick of ticks) {
    const [a, b] = [seen.json.get(tick), seen.compact.get(tick)];
    check(isDeepStrictEqual(a, b), `tick ${tick}: JSON ${JSON.stringify(a)}\n  compact ${JSON.stringify(b)}`);
  }
  check(ticks.some(tick => Object.values(seen.json.get(tick).acks).some(ack => ack > 0)), 'no input was acknowledged');
  console.log(`compact equals JSON on ${ticks.length} ticks`);
  viaJson.leave();
  viaCompact.leave();
}

async function ticTacToe() {
  const ada = await json.quickJoin({ game: 'tictactoe', name: 'Ada', mode });
  const bo = await compact.quickJoin({ game: 'tictactoe', name: 'Bo', mode });
  check(ada.id === bo.id && ada.tickRate === 0, `quick join seated them in ${ada.id} and ${bo.id}`);
  // The list reflects a change within 2 s (section 10).
  let listed = [];
  for (let i = 0; i < 20 && !listed.some(r => r.room === ada.id && r.players === 2); i++) {
    await sleep(250);
    listed = await json.rooms({ game: 'tictactoe', mode });
  }
  check(listed.some(r => r.room === ada.id && r.game === 'tictactoe'), `rooms() lists ${ada.id}: ${JSON.stringify(listed)}`);
  const started = await waitState(ada, s => s.turn !== null);
  const [x, o] = started.turn === ada.playerId ? [ada, bo] : [bo, ada];
  const refused = nextEvent(o, 'error', 5_000);
  o.send({ cell: 8 });                                   // not O's turn
  check((await refused).code === 'bad_move', 'a move out of turn is bad_move');
  for (const [made, [room, cell]] of [[x, 0], [o, 3], [x, 1], [o, 4], [x, 2]].entries()) {
    // Its turn on a board with every move so far: a state from before the last move says "your
    // turn" too.
    await waitState(room, s => s.turn === room.playerId && s.board.replace(/\./g, '').length === made);
    room.send({ cell });
  }
  const ended = await waitState(o, s => s.result !== null);
  check(ended.result === 'X' && ended.board.startsWith('XXX'), `result ${ended.result}, board ${ended.board}`);
  check(player(ended, x.playerId).wins === 1, 'X has won once');
  console.log(`tic-tac-toe: ${ended.board}, ${ended.result} wins`);
  ada.leave();
  bo.leave();
}

async function rockPaperScissors() {
  const ada = await json.quickJoin({ game: 'rps', name: 'Ada', mode });
  const bo = await json.quickJoin({ game: 'rps', name: 'Bo', mode });
  check(ada.id === bo.id, 'both in one rps room');
  await waitState(ada, s => s.round >= 1 && s.players.length === 2);
  await waitState(bo, s => s.round >= 1 && s.players.length === 2);
  ada.send({ pick: 'rock' });
  const picked = await waitState(bo, s => player(s, ada.playerId).picked);
  check(picked.you.pick === null && !JSON.stringify(picked).includes('rock'), 'Bo does not see Ada\'s pick');
  bo.send({ pick: 'scissors' });
  const ended = await waitState(bo, s => s.last !== null && s.last.round === 1);
  check(ended.last.winner === ada.playerId, `winner ${ended.last.winner}`);
  console.log(`rock-paper-scissors: ${JSON.stringify(ended.last.picks)}`);
  ada.leave();
  bo.leave();
  await sleep(100);
}

/** The room's state if it satisfies `accept`, else the first state that does (10 s at most). */
function waitState(room, accept) {
  if (room.state !== undefined && accept(room.state)) return Promise.resolve(room.state);
  return nextEvent(room, 'state', 10_000, accept).catch(error => {
    throw new Error(`${error.message}: waited for ${accept}; the last was ${JSON.stringify(room.state)}`);
  });
}
