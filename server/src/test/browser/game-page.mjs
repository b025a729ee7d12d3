// Test (a): the game page at / on the edge port. One player quick-plays into a new room of the
// mode, the second page's lobby lists that room, its quick play puts it in the same room; then one
// player holds an arrow key, and the other player's page sees it move. The pages read compact
// state frames (binary), decoded by the client SDK the page imports from /sdk/: no state comes as JSON text.
// Then the turn-based games (protocol/README.md 12.8, 12.9), whose states come as JSON text on the
// same compact sockets: two new pages pick tic-tac-toe and quick-play into one room (the second
// page's lobby lists it with its game), and play a round to a win by clicking cells, each page
// showing whose turn it is and the result, and a click out of turn showing bad_move; then both
// leave, pick rock-paper-scissors, quick-play into one room and play a round: until the second
// pick, the first pick appears nowhere in the second page, neither in its DOM nor in the frames
// it received; after it, both pages show both picks and the winner.
// Usage: node game-page.mjs <edge base URL> <mode> <screenshot.png>
// (the games' screenshots go next to it: <screenshot>-tictactoe.png, <screenshot>-rps.png)
import { assertNoFailedRequests, newPage, run, waitFor } from './browser.mjs';

const [base, mode, screenshot] = process.argv.slice(2);
const MOVED = 100;          // arena units; 200 units/s at full speed
const SECONDS = 20;

// Per page: binary frames received, and JSON state frames received (there should be none).
const frames = new Map();
// Per page of the turn-based games: every text frame received, and the count of binary ones.
const played = new Map();
const bounded = { timeout: SECONDS * 1000 };
const text = (page, selector) => page.locator(selector).textContent({ timeout: SECONDS * 1000 });
const shot = game => screenshot.replace(/(\.png)?$/, `-${game}.png`);

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
  // `window.arena` is what the page shows of itself to this test: inRoom, me, room, game, state.
  await page.waitForFunction(() => arena.inRoom && arena.state !== null, null, { timeout: SECONDS * 1000 });
  return page.evaluate(() => arena.room);
}

const xOf = (page, id) => page.evaluate(player => {
  const found = arena.state && arena.state.players.find(p => p.id === player);
  return found ? found.x : null;
}, id);

await run(async browser => {
  const mover = await open(browser, 'mover');
  const room = await quickPlay(mover);
  const watcher = await open(browser, 'watcher');
  await waitFor(watcher, `#rooms li[data-room="${room}"]`, `the lobby lists the mover's room ${room}`, SECONDS);
  if (await quickPlay(watcher) !== room) throw new Error('quick play put the second page in another room');
  console.log(`both pages quick-played into ${room}`);
  const moverId = await mover.evaluate(() => arena.me);
  await watcher.waitForFunction(id => arena.state.players.some(p => p.id === id), moverId, { timeout: SECONDS * 1000 });
  const startX = await xOf(watcher, moverId);
  const key = startX > 500 ? 'ArrowLeft' : 'ArrowRight';
  console.log(`watcher sees mover at x=${startX.toFixed(1)}; mover holds ${key}`);
  await mover.keyboard.down(key);
  try {
    await watcher.waitForFunction(([id, x0, distance]) => {
      const p = arena.state.players.find(q => q.id === id);
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
  await mover.context().close();
  await watcher.context().close();

  const [alice, bob] = [await openGame(browser, 'alice'), await openGame(browser, 'bob')];
  await ticTacToe(alice, bob);
  await rockPaperScissors(alice, bob);
  for (const page of [alice, bob]) {
    assertNoFailedRequests(page);
    const seen = played.get(page);
    if (seen.binary > 0 || seen.texts.filter(t => t.startsWith('{"type":"state"')).length === 0) {
      throw new Error(`a turn-based page got ${seen.binary} binary frames (it should get JSON text states only)`);
    }
  }
  console.log('the turn-based games\' states came as JSON text on the compact sockets');
});

// ---- the turn-based games ------------------------------------------------------------------


async function openGame(browser, name) {
  const page = await newPage(browser, { width: 1000, height: 700 });
  const seen = { binary: 0, texts: [] };
  played.set(page, seen);
  page.on('websocket', socket => socket.on('framereceived', ({ payload }) => {
    if (typeof payload === 'string') seen.texts.push(payload); else seen.binary++;
  }));
  await page.goto(base);
  await page.fill('#name', name);
  await page.fill('#mode', mode);
  page.playerName = name;
  return page;
}

// Picks `game` in the game picker, then "Quick play"; the page shows the game's table.
async function quickPlayGame(page, game) {
  await page.selectOption('#game', game);
  await page.click('#quick');
  try {
    await page.waitForFunction(g => arena.inRoom && arena.game === g && arena.state !== null, game, bounded);
  } catch (error) {
    throw new Error(`${page.playerName} did not get into a ${game} room within ${SECONDS} s`);
  }
  await waitFor(page, '#table:not([hidden])', `${page.playerName} shows the ${game} table`, SECONDS);
  return page.evaluate(() => [arena.room, arena.me]);
}

async function ticTacToe(alice, bob) {
  const [room, aliceId] = await quickPlayGame(alice, 'tictactoe');
  await waitFor(bob, `#rooms li[data-room="${room}"][data-game="tictactoe"]`,
    `bob's lobby lists alice's tic-tac-toe room ${room}`, SECONDS);
  const [bobRoom, bobId] = await quickPlayGame(bob, 'tictactoe');
  if (bobRoom !== room) throw new Error(`quick play put bob in ${bobRoom}, alice in ${room}`);
  console.log(`tic-tac-toe: both pages quick-played into ${room}`);
  // The first seated is X and moves first; find out from the pages rather than assume.
  await alice.waitForFunction(() => arena.state && arena.state.round >= 1 && arena.state.turn, null, bounded);
  const xIsAlice = await alice.evaluate(() => arena.state.turn === arena.me);
  const [x, o] = xIsAlice ? [alice, bob] : [bob, alice];
  const xId = xIsAlice ? aliceId : bobId;
  console.log(`round 1: X is ${x.playerName}, O is ${o.playerName}`);
  // X takes the top row; O answers in the middle row.
  const moves = [[x, 'X', 0], [o, 'O', 3], [x, 'X', 1], [o, 'O', 4], [x, 'X', 2]];
  for (const [i, [mover, mark, cell]] of moves.entries()) {
    const other = mover === x ? o : x;
    await waitFor(mover, '#turn[data-turn="me"]', `move ${i + 1}: ${mover.playerName}'s page says it is its turn`, SECONDS);
    await waitFor(other, '#turn[data-turn="opponent"]', `move ${i + 1}: ${other.playerName}'s page says it is the opponent's`, SECONDS);
    if (i === 1) {                                     // out of turn: the server refuses it
      await other.click('.cell[data-cell="8"]');
      await other.waitForFunction(() => /not your turn/.test(document.getElementById('note').textContent), null, bounded)
        .catch(() => { throw new Error(`${other.playerName} clicked out of turn and saw no bad_move`); });
      console.log(`${other.playerName} clicked out of turn and sees: ${await text(other, '#note')}`);
    }
    await mover.click(`.cell[data-cell="${cell}"]`);
    for (const page of [x, o]) {
      await waitFor(page, `.cell[data-cell="${cell}"][data-mark="${mark}"]`,
        `move ${i + 1}: ${page.playerName} sees ${mark} in cell ${cell}`, SECONDS);
    }
  }
  for (const page of [x, o]) {
    await waitFor(page, '#result[data-round="1"][data-result="X"]', `${page.playerName} shows round 1 won by X`, SECONDS);
    await waitFor(page, `#seats li[data-player="${xId}"] .w`, `${page.playerName} lists X's wins`, SECONDS);
    const wins = await text(page, `#seats li[data-player="${xId}"] .w`);
    if (wins !== 'wins 1') throw new Error(`${page.playerName} shows X with "${wins}", not "wins 1"`);
    if (await text(page, '.cell[data-cell="8"]') !== '') throw new Error('the refused move changed the board');
  }
  console.log(`tic-tac-toe round 1 result on ${o.playerName}'s page: ${await text(o, '#result')}`);
  await o.screenshot({ path: shot('tictactoe') });
}

async function rockPaperScissors(alice, bob) {
  for (const page of [alice, bob]) {
    await page.click('#leave');
    await waitFor(page, '#joinForm:not([hidden])', `${page.playerName} left tic-tac-toe`, SECONDS);
  }
  const [room, aliceId] = await quickPlayGame(alice, 'rps');
  const [bobRoom, bobId] = await quickPlayGame(bob, 'rps');
  if (bobRoom !== room) throw new Error(`quick play put bob in ${bobRoom}, alice in ${room}`);
  console.log(`rock-paper-scissors: both pages quick-played into ${room}`);
  for (const page of [alice, bob]) {
    await waitFor(page, '#turn[data-turn="me"]', `${page.playerName} is asked to pick`, SECONDS);
  }
  await alice.click('#picks button[data-pick="rock"]');
  await waitFor(alice, '#picks button.chosen[data-pick="rock"]', 'alice sees her own pick', SECONDS);
  console.log(`alice: ${await text(alice, '#you')}`);
  await alice.click('#picks button[data-pick="paper"]');   // a second pick: refused
  await alice.waitForFunction(() => /already picked/.test(document.getElementById('note').textContent), null, bounded)
    .catch(() => { throw new Error('alice picked twice and saw no bad_move'); });
  console.log(`alice picked again and sees: ${await text(alice, '#note')}`);
  await waitFor(bob, '#turn[data-opponent-picked="true"]', 'bob sees that alice has picked', SECONDS);
  console.log(`bob: ${await text(bob, '#turn')}`);

  // Until bob picks, alice's pick is nowhere in bob's page: not in what it shows, not in what it got.
  if (await pickInDom(alice, 'rock') === null) throw new Error('alice\'s page does not show her pick: the check below would prove nothing');
  const inDom = await pickInDom(bob, 'rock');
  if (inDom !== null) throw new Error(`bob's page shows alice's pick before bob picked: ...${inDom}...`);
  const leaked = played.get(bob).texts.find(t => t.includes('"rock"'));
  if (leaked) throw new Error(`bob received alice's pick before he picked: ${leaked}`);
  if (!played.get(alice).texts.some(t => t.includes('"rock"'))) {
    throw new Error('alice never received her own pick: the secrecy check would prove nothing');
  }
  console.log(`before bob's pick: "rock" is in none of bob's ${played.get(bob).texts.length} frames nor in his page`);

  await bob.click('#picks button[data-pick="scissors"]');
  for (const page of [alice, bob]) {
    await waitFor(page, `#last[data-round="1"][data-winner="${aliceId}"]`, `${page.playerName} shows round 1 won by alice`, SECONDS);
    const last = await text(page, '#last');
    for (const part of ['alice rock', 'bob scissors', 'alice wins']) {
      if (!last.includes(part)) throw new Error(`${page.playerName}'s #last is "${last}": no "${part}"`);
    }
    console.log(`${page.playerName}: ${last}`);
  }
  await waitFor(bob, `#seats li[data-player="${aliceId}"] .w`, 'bob lists alice\'s wins', SECONDS);
  if (await text(bob, `#seats li[data-player="${aliceId}"] .w`) !== 'wins 1') throw new Error('bob does not show alice with 1 win');
  if (await text(bob, `#seats li[data-player="${bobId}"] .w`) !== 'wins 0') throw new Error('bob does not show himself with 0 wins');
  await bob.screenshot({ path: shot('rps') });
}

// Where `pick` occurs in the page's DOM (text and attributes), with some context; null if nowhere.
// Fixed labels (the pick buttons, the game picker, the lobby's game names, the table's title) are
// left out: they name every pick on every page.
function pickInDom(page, pick) {
  return page.evaluate(word => {
    const body = document.body.cloneNode(true);
    body.querySelectorAll('script, style, #game, #rooms .g, #tableTitle').forEach(el => el.remove());
    body.querySelectorAll('#picks button').forEach(b => { b.textContent = ''; b.removeAttribute('data-pick'); });
    const html = body.outerHTML, found = new RegExp(`\\b${word}\\b`, 'i').exec(html);
    return found ? html.slice(Math.max(0, found.index - 80), found.index + 80) : null;
  }, pick);
}
