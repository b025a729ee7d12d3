// Shared by the SDK's tests against real nodes (run by the server's ClientSdkIT and others): bounded
// waits that say what they waited for, coin chasers for the arena, hand-offs with the test that
// runs the script, and the PASS/FAIL verdict.
import { createInterface } from 'node:readline';

/** Runs the test body within `seconds`; prints PASS, or FAIL with the reason and exits 1. */
export async function run(seconds, body) {
  const timer = setTimeout(() => { console.log(`FAIL: not done within ${seconds} s`); process.exit(1); }, seconds * 1000);
  try {
    await body();
    console.log('PASS');
    clearTimeout(timer);
    process.exit(0);
  } catch (error) {
    console.log(`FAIL: ${error.stack || error}`);
    process.exit(1);
  }
}

export function check(condition, what) {
  if (!condition) throw new Error(what);
}

/** The next `name` event of `room` that `accept` takes, within `ms`. */
export function nextEvent(room, name, ms, accept = () => true) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`no ${name} event within ${ms} ms`)); }, ms);
    const off = room.on(name, value => {
      if (!accept(value)) return;
      clearTimeout(timer); off(); resolve(value);
    });
  });
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

export const player = (state, id) => state.players.find(p => p.id === id);

/** One input of `room`'s player `me` toward the nearest coin of `state`; answers its seq (or undefined). */
export function steer(room, state, me) {
  let best = null;
  for (const coin of state.coins) {
    const d = Math.hypot(coin.x - me.x, coin.y - me.y);
    if (best === null || d < best.d) best = { coin, d };
  }
  const dx = best.coin.x - me.x, dy = best.coin.y - me.y, length = Math.hypot(dx, dy) || 1;
  return room.send({ dx: dx / length, dy: dy / length });
}

/**
 * Steers `room`'s player toward the nearest coin on every state until `done(state, me)` holds
 * (within `ms`); returns that state. Every seq `send` returns goes into `seqs`.
 */
export function chase(room, done, ms, seqs = []) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`chasing coins: not done within ${ms} ms`)); }, ms);
    const off = room.on('state', state => {
      const me = player(state, room.playerId);
      if (me === undefined) return;
      if (done(state, me)) { clearTimeout(timer); off(); resolve(state); return; }
      const seq = steer(room, state, me);
      if (seq !== undefined) seqs.push(seq);
    });
  });
}

/**
 * Steers `room`'s player toward the nearest coin on every state, for as long as the room lives, and
 * records what it sees: the latest state, the longest wait between two states, ticks that went
 * back, the highest score, and how often the SDK lost the connection.
 */
export function follow(room) {
  const seen = { room, lastAt: Date.now(), maxGap: 0, ticksBack: 0, lastTick: -1, maxScore: 0, closes: 0, state: null };
  room.on('reconnecting', () => { seen.closes++; });
  room.on('state', state => {
    const now = Date.now();
    seen.maxGap = Math.max(seen.maxGap, now - seen.lastAt);
    if (state.tick <= seen.lastTick) seen.ticksBack++;
    seen.lastAt = now; seen.lastTick = state.tick; seen.state = state;
    const me = player(state, room.playerId);
    if (!me) return;
    seen.maxScore = Math.max(seen.maxScore, me.score);
    steer(room, state, me);
  });
  return seen;
}

/** Starts a new measurement of gaps and ticks for players that `follow` their rooms. */
export const resetGaps = players => players.forEach(p => { p.maxGap = 0; p.lastAt = Date.now(); p.ticksBack = 0; });

/** Every point of an arena state. */
export const points = state => state.players.reduce((sum, p) => sum + p.score, 0);

let stdin = null;

/** Prints `ask` and waits for the test that runs this script to answer `answer` on standard input. */
export async function handOff(ask, answer) {
  stdin ??= createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  console.log(ask);
  const { value } = await stdin.next();
  check(value === answer, `expected ${answer} on stdin, got ${value}`);
}
