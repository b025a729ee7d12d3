import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Interpolation, Prediction, arenaLerp, arenaStep } from '../../dist/index.js';

const arena = (tick, x, y, acks = {}) => ({ type: 'state', room: 'r', tick, acks, coins: [],
  players: [{ id: 'me', name: 'Ada', x, y, score: 0 }] });

test('interpolation draws between the two states around the render time, delayed', () => {
  const interpolation = new Interpolation(arenaLerp, 100);
  assert.equal(interpolation.sample(0), undefined);
  interpolation.push(arena(1, 0, 0), 1000);
  interpolation.push(arena(2, 10, 20), 1050);
  assert.deepEqual(interpolation.sample(1100).players[0], { id: 'me', name: 'Ada', x: 0, y: 0, score: 0 });
  const half = interpolation.sample(1125).players[0];
  assert.equal(half.x, 5);
  assert.equal(half.y, 10);
  assert.equal(interpolation.sample(1500).players[0].x, 10);   // never past the newest
});

test('interpolation starts over when the tick goes back after a failover', () => {
  const interpolation = new Interpolation(arenaLerp, 0);
  interpolation.push(arena(50, 0, 0), 0);
  interpolation.push(arena(40, 500, 500), 50);
  assert.equal(interpolation.sample(25).players[0].x, 500);   // not blended with the lost future
});

test('prediction replays only the inputs the server has not acknowledged', () => {
  const prediction = new Prediction('me', arenaStep('me', 20));
  prediction.reconcile(arena(1, 100, 100, { me: 0 }));
  assert.equal(prediction.input(1, { dx: 1, dy: 0 }).players[0].x, 110);
  assert.equal(prediction.input(2, { dx: 1, dy: 0 }).players[0].x, 120);
  assert.equal(prediction.input(3, { dx: 3, dy: 4 }).players[0].x, 126);  // clamped to the unit disc
  // The server applied input 1 (its position includes it) but not yet 2 and 3.
  const corrected = prediction.reconcile(arena(2, 111, 100, { me: 1 }));
  assert.equal(prediction.unacknowledged, 2);
  assert.equal(corrected.players[0].x, 127);
  assert.equal(corrected.players[0].y, 108);
  assert.equal(prediction.reconcile(arena(4, 130, 108, { me: 3 })).players[0].x, 130);
  assert.equal(prediction.unacknowledged, 0);
});

test('the arena step keeps players inside the arena', () => {
  const step = arenaStep('me', 20);
  assert.equal(step(arena(1, 995, 3), { dx: 1, dy: -1 }).players[0].x, 1000);
  assert.equal(step(arena(1, 995, 3), { dx: 1, dy: -1 }).players[0].y, 0);
});
