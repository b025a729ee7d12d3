// Test (a): the game page at / on the edge port. One player quick-plays into a new room of the
// mode, the second page's lobby lists that room, its quick play puts it in the same room; then one
// player holds an arrow key, and the other player's page sees it move. The pages read compact
// state frames (binary), decoded by /compact-state.js: no state comes as JSON text.
// Usage: node game-page.mjs <edge base URL> <mode> <screenshot.png>
import { assertNoFailedRequests, newPage, run, waitFor } from './browser.mjs';

const [base, mode, screenshot] = process.argv.slice(2);
const MOVED = 100;          // arena units; 200 units/s at full speed
const SECONDS = 20;

// Per page: binary frames received, and JSON state frames received (there should be none).
const frames = new Map();

async function open(browser, name) {
  const page = await newPage(browser, { width: 1000, height: 700 });
  const count = { binary: 0, jsonStates: 0 };
  frames.set(page, count);
  page.on('websocket', socket => socket.on('framereceived', ({ payload }) => {
    if (typeof payload !== 'string') count.binary++;
    else if (payload.startsWith('{"type":"state"')) count.jsonStates++;
  }));
  await page.goto(base);
  await page.fill('#name', name);
  await page.fill('#mode', mode);
  return page;
}

// "Quick play": the server seats the page in an open room of the mode, or opens one.
async function quickPlay(page) {
  await page.click('#quick');
  // `inRoom`, `me`, `room` and `state` are the page script's own top-level variables.
  await page.waitForFunction(() => inRoom && state !== null, null, { timeout: SECONDS * 1000 });
  return page.evaluate(() => room);
}

const xOf = (page, id) => page.evaluate(player => {
  const found = state && state.players.find(p => p.id === player);
  return found ? found.x : null;
}, id);

await run(async browser => {
  const mover = await open(browser, 'mover');
  const room = await quickPlay(mover);
  const watcher = await open(browser, 'watcher');
  await waitFor(watcher, `#rooms li[data-room="${room}"]`, `the lobby lists the mover's room ${room}`, SECONDS);
  if (await quickPlay(watcher) !== room) throw new Error('quick play put the second page in another room');
  console.log(`both pages quick-played into ${room}`);
  const moverId = await mover.evaluate(() => me);
  await watcher.waitForFunction(id => state.players.some(p => p.id === id), moverId, { timeout: SECONDS * 1000 });
  const startX = await xOf(watcher, moverId);
  const key = startX > 500 ? 'ArrowLeft' : 'ArrowRight';
  console.log(`watcher sees mover at x=${startX.toFixed(1)}; mover holds ${key}`);
  await mover.keyboard.down(key);
  try {
    await watcher.waitForFunction(([id, x0, distance]) => {
      const p = state.players.find(q => q.id === id);
      return p && Math.abs(p.x - x0) > distance;
    }, [moverId, startX, MOVED], { timeout: SECONDS * 1000 });
  } catch (error) {
    throw new Error(`the watcher did not see the mover move ${MOVED} units within ${SECONDS} s`);
  } finally {
    await mover.keyboard.up(key);
  }
  console.log(`watcher sees mover at x=${(await xOf(watcher, moverId)).toFixed(1)}`);
  assertNoFailedRequests(mover);
  assertNoFailedRequests(watcher);
  for (const [page, count] of frames) {
    if (count.binary === 0 || count.jsonStates > 0) {
      throw new Error(`a page got ${count.binary} compact and ${count.jsonStates} JSON states`);
    }
  }
  console.log(`compact states decoded: ${[...frames.values()].map(c => c.binary).join(' and ')}`);
  await watcher.screenshot({ path: screenshot });
});
