// Test (a): the game page at / on the edge port. Two players join one room, one holds an arrow
// key, and the other player's page sees it move.
// Usage: node game-page.mjs <edge base URL> <room> <screenshot.png>
import { assertNoFailedRequests, newPage, run } from './browser.mjs';

const [base, room, screenshot] = process.argv.slice(2);
const MOVED = 100;          // arena units; 200 units/s at full speed
const SECONDS = 20;

async function join(browser, name) {
  const page = await newPage(browser, { width: 1000, height: 700 });
  await page.goto(`${base}?room=${encodeURIComponent(room)}`);
  await page.fill('#name', name);
  await page.click('#joinForm button');
  // `inRoom`, `me` and `state` are the page script's own top-level variables.
  await page.waitForFunction(() => inRoom && state !== null, null, { timeout: SECONDS * 1000 });
  return page;
}

const xOf = (page, id) => page.evaluate(player => {
  const found = state && state.players.find(p => p.id === player);
  return found ? found.x : null;
}, id);

await run(async browser => {
  const mover = await join(browser, 'mover');
  const watcher = await join(browser, 'watcher');
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
  await watcher.screenshot({ path: screenshot });
});
