// The worked example of protocol/README.md section 11.6, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactDecoder } from '../../dist/index.js';

const hex = text => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const KEYFRAME = hex(`00 2a 07 6c6f6262792d31 01 0a 6b3346396151324c6d5a 03 416461 d00f b81f 0000 06 18
  01 00 848e06 c09a0c`);
const TICK_43 = hex('0d 2b 01 900300 01 02');
const TICK_44 = hex('2d 2c 01 004c 01 02 01 00 02 92d503 f80a');
const TICK_45 = hex('13 2d 02 01 00 025a71 02426f c801 9003 00 00 01 02');

test('decodes the worked example to the JSON states of ticks 42 to 45', () => {
  const decoder = new CompactDecoder();
  assert.deepEqual(decoder.apply(KEYFRAME), {
    type: 'state', room: 'lobby-1', tick: 42,
    players: [{ id: 'k3F9aQ2LmZ', name: 'Ada', x: 10, y: 20.12, score: 3 }],
    coins: [{ id: 0, x: 500.5, y: 1000 }], acks: { k3F9aQ2LmZ: 12 },
  });
  assert.deepEqual(decoder.apply(TICK_43).players[0], { id: 'k3F9aQ2LmZ', name: 'Ada', x: 12, y: 20.12, score: 3 });
  const tick44 = decoder.apply(TICK_44);
  assert.deepEqual(tick44.coins, [{ id: 1, x: 300.25, y: 7 }]);
  assert.deepEqual(tick44.acks, { k3F9aQ2LmZ: 14 });
  const tick45 = decoder.apply(TICK_45);
  assert.equal(tick45.tick, 45);
  assert.deepEqual(tick45.players, [
    { id: 'k3F9aQ2LmZ', name: 'Ada', x: 16, y: 20.88, score: 4 },
    { id: 'Zq', name: 'Bo', x: 1, y: 2, score: 0 }]);
  assert.deepEqual(tick45.acks, { k3F9aQ2LmZ: 14, Zq: 0 });
});

test('refuses malformed frames and keeps the last state it applied', () => {
  assert.throws(() => new CompactDecoder().apply(TICK_43), /before any keyframe/);
  const decoder = new CompactDecoder();
  decoder.apply(KEYFRAME);
  assert.throws(() => decoder.apply(Uint8Array.of(0x40)), /header/);
  assert.throws(() => decoder.apply(TICK_44), /does not follow tick 42/);
  assert.throws(() => decoder.apply(Uint8Array.of(...KEYFRAME, 0)), /bytes after the end/);
  assert.throws(() => decoder.apply(KEYFRAME.subarray(0, 20)), /ends early|exceeds/);
  assert.equal(decoder.apply(TICK_43).tick, 43);   // still at 42 before this: nothing was applied
});
