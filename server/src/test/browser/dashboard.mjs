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
  console.log(`incident: ${(await page.textContent(`[data-incident="${victim}"]`)).replace(/\s+/g, ' ')}`);
  assertNoFailedRequests(page);
  await page.screenshot({ path: screenshot, fullPage: true });
});
