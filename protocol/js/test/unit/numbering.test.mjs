import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputNumbering, backoffDelay, DEFAULT_RECONNECT } from '../../dist/index.js';

test('a new player numbers its inputs from 1', () => {
  const numbering = new InputNumbering(0);
  assert.deepEqual([numbering.next(), numbering.next(), numbering.next()], [1, 2, 3]);
});

test('after a resume the next seq is above both the lastSeq answered and the highest sent', () => {
  const numbering = new InputNumbering(5);
  assert.equal(numbering.next(), 6);
  assert.equal(numbering.next(), 7);
  numbering.resumed(6);            // the room applied 6; 7 was lost with the node
  assert.equal(numbering.next(), 8);
  numbering.resumed(20);           // another socket of this player got further
  assert.equal(numbering.next(), 21);
});

test('every backoff delay lies in [d/2, d], d doubling from the initial delay up to the cap', () => {
  const options = { ...DEFAULT_RECONNECT, initialDelayMs: 250, maxDelayMs: 4000 };
  for (let attempt = 0; attempt < 40; attempt++) {
    const ceiling = Math.min(4000, 250 * 2 ** attempt);
    for (const random of [0, 0.25, 0.5, 0.999999]) {
      const delay = backoffDelay(attempt, options, () => random);
      assert.ok(delay >= ceiling / 2 && delay <= ceiling, `attempt ${attempt}, random ${random}: ${delay}`);
    }
  }
  assert.equal(backoffDelay(0, options, () => 0), 125);
  assert.equal(backoffDelay(10, options, () => 0.999999) <= 4000, true);
});
