// Shared by the SDK's tests against real nodes (run by the server's ClientSdkIT): bounded waits
// that say what they waited for, a coin chaser for the arena, and the PASS/FAIL verdict.

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
