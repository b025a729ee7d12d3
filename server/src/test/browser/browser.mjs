// Shared by the browser tests: Debian's Chromium driven by playwright-core, and bounded waits that
// say what they waited for when they fail.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine's network is closed: without these, Chromium keeps trying Google's services.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page in a browser context of its own: pages sharing one would run as background tabs. */
export async function newPage(browser, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', error => console.log(`page error: ${error.message}`));
  // A page asking for something its server does not have (say, an icon) is a defect of the page.
  page.failedRequests = [];
  page.on('response', response => {
    if (response.status() >= 400) page.failedRequests.push(`${response.status()} ${response.url()}`);
  });
  return page;
}

/** Fails if `page` asked for anything its server answered with an error. */
export function assertNoFailedRequests(page) {
  if (page.failedRequests.length > 0) throw new Error(`requests failed: ${page.failedRequests.join(', ')}`);
}

/** Waits for `selector` to match, at most `seconds`; fails with `what` otherwise. */
export async function waitFor(page, selector, what, seconds) {
  const started = Date.now();
  try {
    await page.waitForSelector(selector, { state: 'attached', timeout: seconds * 1000 });
  } catch (error) {
    throw new Error(`${what}: not within ${seconds} s (${selector})`);
  }
  console.log(`ok after ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
}

/** Runs the test body; exits 0 with PASS, or 1 with the failure, closing the browser either way. */
export async function run(body) {
  const browser = await launch();
  try {
    await body(browser);
    console.log('PASS');
  } catch (error) {
    console.log(`FAIL: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
