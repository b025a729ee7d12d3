// A stand-in edge for the unit tests: a real WebSocket server on loopback (the `ws` package) that
// answers as a test scripts it, and records every frame a client sent but pings, which it answers.
import { WebSocketServer } from 'ws';

export async function scriptedEdge(answer) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise(resolve => server.once('listening', resolve));
  const edge = {
    url: `ws://127.0.0.1:${server.address().port}`,
    received: [],
    /** A frozen edge answers nothing (a node stopped dead, a cable pulled): its sockets stay open. */
    frozen: false,
    sockets: [],
    paths: [],
    close: () => new Promise(resolve => {
      for (const socket of server.clients) socket.terminate();
      server.close(() => resolve());
    }),
  };
  server.on('connection', (socket, request) => {
    edge.sockets.push(socket);
    edge.paths.push(request.url);
    socket.on('message', (data, binary) => {
      if (binary) return;
      const frame = JSON.parse(String(data));
      if (frame.type === 'ping') {       // answered here, as every edge does, and not recorded
        if (edge.frozen) return;
        socket.send(JSON.stringify({ type: 'pong', t: frame.t, serverTime: Date.now() }));
        return;
      }
      edge.received.push(frame);
      answer(frame, reply => socket.send(typeof reply === 'string' || reply instanceof Uint8Array ? reply : JSON.stringify(reply)), socket);
    });
  });
  return edge;
}

export function joined(fields = {}) {
  return { type: 'joined', room: 'r1', game: 'arena', playerId: 'p1', resume: 'token-1', tick: 10,
    tickRate: 20, lastSeq: 0, ...fields };
}

export function state(tick, acks = {}) {
  return { type: 'state', room: 'r1', tick, players: [], coins: [], acks };
}

/** Resolves with the first event of `name` the room emits, or fails after `ms`. */
export function next(room, name, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${ms} ms`)), ms);
    const off = room.on(name, value => { clearTimeout(timer); off(); resolve(value); });
  });
}

/** Waits until `condition()` holds, checking every 10 ms, at most `ms`. */
export async function until(condition, what, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

/** Records every event a room emits, in order, as [name, value]. */
export function recorder(room) {
  const events = [];
  for (const name of ['state', 'joined', 'chat', 'error', 'leave', 'reconnecting', 'reconnected', 'lost']) {
    room.on(name, value => events.push([name, value]));
  }
  return events;
}
