// The game page's compact-state decoder (web/compact-state.js), run on frames the Java encoder
// wrote: every state it decodes must be exactly the JSON state the Java side expects.
// Usage: node compact-decoder.mjs <compact-state.js> <cases.json>
// cases.json: [{"frame": "<hex>", "expected": "<JSON state>", "newSocket": true|false}, ...]
import { readFileSync } from 'node:fs';
import { deepStrictEqual } from 'node:assert';
import vm from 'node:vm';

const [script, casesFile] = process.argv.slice(2);
const context = vm.createContext({ TextDecoder });
vm.runInContext(readFileSync(script, 'utf8') + '\nthis.ArenaCompactDecoder = ArenaCompactDecoder;', context);
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));

let decoder = null;
cases.forEach((c, i) => {
  if (c.newSocket || decoder === null) decoder = new context.ArenaCompactDecoder();
  const decoded = decoder.apply(Uint8Array.from(Buffer.from(c.frame, 'hex')));
  // Through JSON, as a page would show it, and to shed the vm context's own prototypes.
  deepStrictEqual(JSON.parse(JSON.stringify(decoded)), JSON.parse(c.expected), `frame ${i}`);
});
const refused = [() => new context.ArenaCompactDecoder().apply(Uint8Array.of(0x0d, 0x2b)),
                 () => decoder.apply(Uint8Array.of(0x40)), () => decoder.apply(Uint8Array.of(0x00, 0x2a))];
for (const attempt of refused) {
  let threw = false;
  try { attempt(); } catch { threw = true; }
  if (!threw) throw new Error('a malformed frame decoded: ' + attempt);
}
console.log(`decoded ${cases.length} frames exactly`);
