// The room's rules against scripted edges over real sockets: event order, seq numbering across
// resumes, the reconnect rule (which closes resume, where, and when it gives up) and leave.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Client, ArenaError } from '../../dist/index.js';
import { scriptedEdge, joined, state, next, until, recorder } from './scripted-edge.mjs';

const FAST = { initialDelayMs: 20, maxDelayMs: 80, giveUpAfterMs: 2000 };
const edges = [];
const rooms = [];

async function edge(answer) {
  const made = await scriptedEdge(answer);
  edges.push(made);
  return made;
}

/** An edge that seats every join and resume, answering `lastSeq`, then sends a state. */
function seating(lastSeq = () => 0) {
  return edge((frame, reply) => {
    if (frame.type === 'join') {
      reply(joined({ lastSeq: lastSeq(frame) }));
      reply(state(11));
    }
  });
}

async function joinedRoom(urls, options = {}) {
  const room = await new Client(urls, { reconnect: FAST, ...options }).join('r1', { name: 'Ada' });
  rooms.push(room);
  return room;
}

afterEach(async () => {
  for (const room of rooms.splice(0)) room.leave();
  for (const made of edges.splice(0)) await made.close();
});

test('a join resolves with the room; the states that came with it follow as events', async () => {
  const a = await seating();
  const room = await joinedRoom(a.url);
  assert.deepEqual([room.id, room.playerId, room.game, room.tickRate, room.resumeToken], ['r1', 'p1', 'arena', 20, 'token-1']);
  const first = await next(room, 'state');
  assert.equal(first.tick, 11);
  assert.deepEqual(a.received[0], { type: 'join', room: 'r1', name: 'Ada' });
  assert.equal(a.paths[0], '/ws?room=r1');
});

test('the socket names its room for a balancer to hash on (/ws?room=ID) once the room is known', async () => {
  const a = await seating();
  const byId = await joinedRoom(a.url);
  const quick = await new Client(a.url).quickJoin({ name: 'Bo' });
  rooms.push(quick);
  a.sockets[0].terminate();
  await next(byId, 'reconnected');
  assert.deepEqual(a.paths, ['/ws?room=r1', '/ws', '/ws?room=r1']);
});

test('inputs are numbered from 1 and carry the game fields', async () => {
  const a = await seating();
  const room = await joinedRoom(a.url);
  assert.equal(room.send({ dx: 1, dy: 0 }), 1);
  assert.equal(room.send({ dx: 0, dy: -1 }), 2);
  await until(() => a.received.length === 3, 'two inputs');
  assert.deepEqual(a.received.slice(1), [{ dx: 1, dy: 0, type: 'input', seq: 1 }, { dx: 0, dy: -1, type: 'input', seq: 2 }]);
});

test('a join the server refuses rejects with its code and message', async () => {
  const a = await edge((frame, reply) => reply({ type: 'error', code: 'room_full', message: 'room r1 is full' }));
  await assert.rejects(new Client(a.url).join('r1', { name: 'Ada' }),
    error => error instanceof ArenaError && error.code === 'room_full' && error.message === 'room r1 is full');
});

test('a join tries the next edge when the first takes no socket', async () => {
  const b = await seating();
  const room = await joinedRoom(['ws://127.0.0.1:1', b.url]);
  assert.equal(room.id, 'r1');
});

test('after 1012 it resumes on the next edge: reconnecting, joined, reconnected, then states', async () => {
  const a = await seating();
  const b = await seating(() => 2);                 // the room applied seq 2 of the 3 sent
  const room = await joinedRoom([a.url, b.url]);
  await next(room, 'state');
  const events = recorder(room);
  room.send({ dx: 1, dy: 0 }); room.send({ dx: 1, dy: 0 }); room.send({ dx: 1, dy: 0 });
  await until(() => a.received.length === 4, 'three inputs on a');
  a.sockets[0].close(1012, 'server restarting: reconnect and resume');
  await next(room, 'reconnected');
  await until(() => events.some(([name]) => name === 'state'), 'a state after the resume');
  assert.deepEqual(events.map(([name]) => name), ['reconnecting', 'joined', 'reconnected', 'state']);
  assert.match(events[0][1].reason, /1012/);
  assert.deepEqual(b.received[0], { type: 'join', resume: 'token-1' });
  assert.equal(events[2][1].edge, `${b.url}/ws`);
  assert.equal(room.send({ dx: 0, dy: 1 }), 4, 'max(lastSeq 2, highest sent 3) + 1');
});

test('inputs while reconnecting: the newest is kept and sent after reconnected, with a new seq', async () => {
  const a = await seating();
  let release;
  const released = new Promise(resolve => { release = resolve; });
  const b = await edge(async (frame, reply) => {
    if (frame.type !== 'join') return;
    await released;
    reply(joined({ lastSeq: 1 }));
  });
  const room = await joinedRoom([a.url, b.url]);
  room.send({ dx: 1, dy: 0 });
  a.sockets[0].terminate();                          // 1006: the edge went away
  await next(room, 'reconnecting');
  assert.equal(room.send({ dx: -1, dy: 0 }), undefined);
  assert.equal(room.send({ dx: 0, dy: 1 }), undefined);
  release();
  await next(room, 'reconnected');
  await until(() => b.received.length === 2, 'the held input');
  assert.deepEqual(b.received[1], { dx: 0, dy: 1, type: 'input', seq: 2 });
});

test('unavailable while in the room resumes on a new socket', async () => {
  const a = await seating();
  const room = await joinedRoom([a.url]);
  await next(room, 'state');
  a.sockets[0].send(JSON.stringify({ type: 'error', code: 'unavailable', message: 'room r1 is unavailable; try again' }));
  assert.match((await next(room, 'reconnecting')).reason, /unavailable/);
  await next(room, 'reconnected');
  assert.equal(a.sockets.length, 2);
  assert.deepEqual(a.received[1], { type: 'join', resume: 'token-1' });
});

test('bad_move and other refusals are error events; the room stays', async () => {
  const a = await edge((frame, reply) => {
    if (frame.type === 'join') reply(joined());
    if (frame.type === 'input') reply({ type: 'error', code: 'bad_move', message: 'it is not your turn' });
  });
  const room = await joinedRoom(a.url);
  room.send({ cell: 4 });
  const error = await next(room, 'error');
  assert.equal(error.code, 'bad_move');
  assert.equal(room.status, 'joined');
});

test('a resume the room refuses for good ends in lost with its code', async () => {
  let joins = 0;
  const a = await edge((frame, reply) => {
    reply(joins++ === 0 ? joined() : { type: 'error', code: 'invalid_token', message: 'resume token names no player of room r1' });
  });
  const room = await joinedRoom(a.url);
  a.sockets[0].terminate();
  const lost = await next(room, 'lost');
  assert.deepEqual(lost, { code: 'invalid_token', reason: 'resume token names no player of room r1' });
  assert.equal(room.status, 'lost');
});

test('with no edge left it ends in lost within giveUpAfterMs of the close', async () => {
  const a = await seating();
  const room = await joinedRoom(a.url);
  await next(room, 'state');
  const events = recorder(room);
  const closedAt = Date.now();
  await a.close();
  const lost = await next(room, 'lost', 5000);
  const elapsed = Date.now() - closedAt;
  assert.equal(lost.code, 'gave_up');
  assert.match(lost.reason, /connect_failed/);
  assert.ok(elapsed <= FAST.giveUpAfterMs + 200, `lost after ${elapsed} ms`);
  assert.ok(elapsed >= FAST.giveUpAfterMs - FAST.maxDelayMs, `gave up early, after ${elapsed} ms`);
  assert.deepEqual([...new Set(events.map(([name]) => name))], ['reconnecting', 'lost']);
});

test('a close for abuse (1008) is not resumed', async () => {
  const a = await seating();
  const room = await joinedRoom(a.url);
  a.sockets[0].close(1008, 'over 30 messages per second for too long');
  const lost = await next(room, 'lost');
  assert.equal(lost.code, 'closed');
  assert.match(lost.reason, /1008: over 30 messages/);
  assert.equal(a.sockets.length, 1);
});

test('after leave nothing resumes, whatever the socket does', async () => {
  const a = await seating();
  const room = await joinedRoom(a.url);
  const events = recorder(room);
  room.leave();
  await until(() => a.received.some(frame => frame.type === 'leave'), 'the leave frame');
  await new Promise(resolve => setTimeout(resolve, 300));
  assert.deepEqual(events.map(([name]) => name), ['leave']);
  assert.equal(room.send({ dx: 1, dy: 0 }), undefined);
  assert.equal(a.sockets.length, 1);
});

test('an undecodable compact frame drops the socket and resumes on a new one', async () => {
  const a = await edge((frame, reply) => {
    if (frame.type === 'join') reply(joined());
    if (frame.type === 'join' && frame.resume === undefined) reply(Uint8Array.of(0x0d, 0x2b));  // a delta first
  });
  const room = await joinedRoom(a.url, { state: 'compact' });
  assert.match((await next(room, 'reconnecting')).reason, /4001.*did not decode|did not decode/);
  await next(room, 'reconnected');
  assert.equal(a.paths[1], '/ws?state=compact&room=r1');
});

test('pings measure the latency, from the first moment in the room', async () => {
  const a = await seating();
  const room = await joinedRoom(a.url);
  assert.equal(room.latency, undefined);
  await until(() => room.latency !== undefined, 'the first ping answered');
  const rtt = await room.ping();
  assert.ok(rtt >= 0 && rtt < 1000, `${rtt} ms`);
  assert.ok(room.latency >= 0 && room.latency < 1000, `${room.latency} ms`);
});

test('a socket that answers nothing for five ping intervals is taken for dead and resumed', async () => {
  const a = await seating();
  const room = await joinedRoom(a.url, { pingIntervalMs: 40 });
  await until(() => room.latency !== undefined, 'the first pong');
  a.frozen = true;
  const frozenAt = Date.now();
  const reconnecting = await next(room, 'reconnecting');
  const elapsed = Date.now() - frozenAt;
  assert.match(reconnecting.reason, /nothing heard for \d+ ms/);
  assert.ok(elapsed >= 5 * 40 && elapsed < 2000, `after ${elapsed} ms`);
  a.frozen = false;
  await next(room, 'reconnected');
});

test('a quiet room whose pongs come is not taken for dead, however rare its states', async () => {
  const a = await edge((frame, reply) => { if (frame.type === 'join') reply(joined()); });
  const room = await joinedRoom(a.url, { pingIntervalMs: 20 });
  const events = recorder(room);
  await new Promise(resolve => setTimeout(resolve, 400));
  assert.deepEqual(events, []);
  assert.equal(room.status, 'joined');
});
