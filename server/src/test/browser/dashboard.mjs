// Test (b): the operator dashboard on a node that survives. It shows the victim Up with its rooms,
// prints READY (the JUnit test then kills the victim with kill -9), and must then show the victim
// unreachable, downed and removed, its rooms on a survivor, and the incident's recovery time.
// Usage: node dashboard.mjs <dashboard URL> <victim address> <victim's rooms, comma-separated> <screenshot.png>
import { assertNoFailedRequests, newPage, run, waitFor } from './browser.mjs';

const [url, victim, roomList, screenshot] = process.argv.slice(2);
const rooms = roomList.split(',');
const node = `section.node[data-node="${victim}"]`;
const survivor = 'section.node[data-status="Up"]';

await run(async browser => {
  const page = await newPage(browser, { width: 1440, height: 900 });
  await page.goto(url);
  await waitFor(page, `tr[data-member="${victim}"][data-status="Up"][data-reachable="true"]`, 'victim listed as an Up member', 30);
  for (const room of rooms) {
    await waitFor(page, `${node} tr[data-room="${room}"]`, `room ${room} shown on the victim`, 30);
  }
  await assertRoomRows(page, node);
  console.log('READY');

  // Each membership step normally takes a second or two; on a starved machine the downing took 13 s
  // once, so the bounds are loose: they only limit how long a failure takes to report.
  await waitFor(page, `#timeline li[data-kind="unreachable"][data-node="${victim}"]`, 'timeline: victim unreachable', 60);
  await waitFor(page, `#timeline li[data-kind="downed"][data-node="${victim}"]`, 'timeline: victim downed', 60);
  await waitFor(page, `#timeline li[data-kind="removed"][data-node="${victim}"]`, 'timeline: victim removed', 60);
  if (await page.$(`tr[data-member="${victim}"]`) !== null) throw new Error('the removed victim is still listed as a member');
  for (const room of rooms) {
    await waitFor(page, `${survivor}:not([data-node="${victim}"]) tr[data-room="${room}"]`, `room ${room} shown on a survivor`, 45);
    await waitFor(page, `#timeline li[data-kind="room"][data-room="${room}"]`, `timeline: room ${room} recovered`, 10);
  }
  await waitFor(page, `[data-incident="${victim}"][data-recovered="true"]`, 'incident with its recovery time', 10);
  const incident = (await page.textContent(`[data-incident="${victim}"]`)).replace(/\s+/g, ' ');
  console.log(`incident: ${incident}`);
  // What players lived, from the victim's last report; a crash's detection alone takes seconds.
  const outage = /players saw no state for (\d+\.\d) s/.exec(incident);
  if (!outage || Number(outage[1]) < 2 || Number(outage[1]) > 60) throw new Error(`no plausible outage in the incident: ${incident}`);
  for (const step of ['last report at', 'unreachable +', 'downed +', 'removed +', 'the first +', 'the last +']) {
    if (!incident.includes(step)) throw new Error(`the incident does not show "${step}": ${incident}`);
  }
  assertNoFailedRequests(page);
  await page.screenshot({ path: screenshot, fullPage: true });
});

// Each room row of a node card shows values, not placeholders: a shard the card's chips list (a
// number), a whole tick, the tick time in ms and the checkpoint's age in seconds.
async function assertRoomRows(page, card) {
  const rows = await page.$$eval(`${card} tr[data-room]`, trs => trs.map(tr => ({
    room: tr.dataset.room,
    cells: [...tr.children].map(td => td.textContent),
    chips: [...tr.closest('section').querySelectorAll('.chip')].map(chip => chip.dataset.shard),
  })));
  for (const { room, cells: [id, shard, players, tick, tickMs, age], chips } of rows) {
    const problems = [
      id !== room && `room ${id}`,
      !/^\d+$/.test(shard) && `shard "${shard}" is not a shard id`,
      !chips.includes(shard) && `shard ${shard} is not among the card's shards ${chips}`,
      !/^\d+$/.test(players) && `players "${players}"`,
      !/^\d+$/.test(tick) && `tick "${tick}"`,
      !/^\d+\.\d{3}$/.test(tickMs) && `tick ms "${tickMs}"`,
      !/^(-|\d+(\.\d)? s)$/.test(age) && `checkpoint age "${age}"`,
    ].filter(Boolean);
    if (problems.length > 0) throw new Error(`room ${room}'s row [${[id, shard, players, tick, tickMs, age].join(' | ')}]: ${problems.join('; ')}`);
  }
  console.log(`${rows.length} room rows show a listed shard, tick, tick time and checkpoint age`);
}
