// The SDK's compact decoder on frames the Java encoder wrote (server's CompactStateScriptTest):
// every state it decodes must be exactly the JSON state the Java side expects.
// Usage: node compact-cases.mjs <cases.json>
// cases.json: [{"frame": "<hex>", "expected": "<JSON state>", "newSocket": true|false}, ...]
import { readFileSync } from 'node:fs';
import { deepStrictEqual } from 'node:assert';
import { CompactDecoder } from '../dist/index.js';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let decoder = null;
cases.forEach((c, i) => {
  if (c.newSocket || decoder === null) decoder = new CompactDecoder();
  const decoded = decoder.apply(Uint8Array.from(Buffer.from(c.frame, 'hex')));
  deepStrictEqual(decoded, JSON.parse(c.expected), `frame ${i}`);
});
console.log(`decoded ${cases.length} frames exactly`);
