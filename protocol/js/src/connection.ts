// One WebSocket to one edge: opens it, reads its frames (JSON text, or compact binary states
// decoded by a decoder of its own), and hands them to one listener at a time. Frames that come
// while nobody listens (between a join's answer and the room taking over) wait in order.
import { CompactDecoder } from './compact.js';
import { ArenaError } from './errors.js';
import type { Joined, ServerMessage } from './messages.js';

export type WebSocketClass = new (url: string) => WebSocket;

/** The close code the SDK reports when a compact state frame did not decode (section 11.5). */
export const UNDECODABLE = 4001;

export type ConnectionEvent =
  | { kind: 'message'; message: ServerMessage }
  | { kind: 'close'; code: number; reason: string };

/** Where an edge takes sockets and answers the room list. */
export interface Edge { ws: string; http: string }

/** `ws://host:8080`, `http://host:8080`, `wss://host/path/ws`, ...: the edge's two addresses. */
export function edgeOf(address: string): Edge {
  const url = new URL(address);
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw new TypeError(`an edge address is ws://, wss://, http:// or https://, not ${address}`);
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  let path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/ws')) path = path.slice(0, -3);
  return { ws: `${secure ? 'wss' : 'ws'}://${url.host}${path}/ws`, http: `${secure ? 'https' : 'http'}://${url.host}${path}` };
}

/** The global WebSocket where there is one (browsers, Node.js 22+), else the `ws` package. */
export async function webSocketClass(): Promise<WebSocketClass> {
  if (typeof globalThis.WebSocket === 'function') return globalThis.WebSocket;
  // A name in a variable: a bundler for browsers must not pull Node's package in.
  const name = 'ws';
  const module = await import(name);
  return (module.WebSocket ?? module.default) as WebSocketClass;
}

export class Connection {
  private listener: ((event: ConnectionEvent) => void) | null = null;
  private readonly waiting: ConnectionEvent[] = [];
  private readonly decoder: CompactDecoder | null;
  private closed = false;
  /** performance.now() of the last frame received. */
  lastHeard = performance.now();

  private constructor(private readonly socket: WebSocket, compact: boolean) {
    this.decoder = compact ? new CompactDecoder() : null;
    socket.onmessage = event => this.receive(event.data);
    socket.onclose = event => this.deliver({ kind: 'close', code: event.code, reason: event.reason });
  }

  /** Resolves once the socket is open; rejects with `connect_failed` or `timeout`. */
  static open(url: string, WebSocketImpl: WebSocketClass, compact: boolean, timeoutMs: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocketImpl(url);
      socket.binaryType = 'arraybuffer';
      const timer = setTimeout(() => {
        socket.onclose = null;
        socket.close();
        reject(new ArenaError('timeout', `${url} did not open within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.onerror = () => {};  // the close that follows says it; ws would throw otherwise
      socket.onclose = event => {
        clearTimeout(timer);
        reject(new ArenaError('connect_failed', `could not connect to ${url} (${event.code})`));
      };
      socket.onopen = () => {
        clearTimeout(timer);
        resolve(new Connection(socket, compact));
      };
    });
  }

  send(message: object): void {
    if (!this.closed && this.socket.readyState === 1) this.socket.send(JSON.stringify(message));
  }

  /** Closes the socket; its close is not reported to anyone. */
  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    this.closed = true;
    this.listener = null;
    this.socket.onmessage = null;
    this.socket.onclose = null;
    this.socket.close(code, reason);
  }

  /** Takes over the events: first those that waited, then each as it comes. */
  attach(listener: (event: ConnectionEvent) => void): void {
    this.listener = listener;
    while (this.listener === listener && this.waiting.length > 0) listener(this.waiting.shift()!);
  }

  /** Until the next attach, events wait. */
  detach(): void {
    this.listener = null;
  }

  private receive(data: unknown): void {
    this.lastHeard = performance.now();
    let message: ServerMessage;
    if (typeof data === 'string') {
      try {
        message = JSON.parse(data) as ServerMessage;
      } catch {
        return;  // the server writes only JSON objects; a proxy's garbage changes nothing
      }
    } else {
      try {
        if (this.decoder === null) return;
        message = this.decoder.apply(data as ArrayBuffer);
      } catch (error) {
        // Section 11.5: drop the state and resume on a new socket, which starts with a keyframe.
        const reason = `a compact state frame did not decode: ${(error as Error).message}`;
        const listener = this.listener;
        this.close(UNDECODABLE, 'undecodable state frame');
        const event: ConnectionEvent = { kind: 'close', code: UNDECODABLE, reason };
        if (listener !== null) listener(event);
        else this.waiting.push(event);
        return;
      }
    }
    this.deliver({ kind: 'message', message });
  }

  private deliver(event: ConnectionEvent): void {
    if (this.closed) return;
    if (event.kind === 'close') this.closed = true;
    if (this.listener !== null) this.listener(event);
    else this.waiting.push(event);
  }
}

/** What a join or resume settings need: how to open sockets and how long to wait. */
export interface EntrySettings {
  WebSocket: WebSocketClass;
  compact: boolean;
  joinTimeoutMs: number;
}

/**
 * Opens a socket to `edge`, sends `frame` (a join or a resume) and resolves on `joined`, with the
 * socket's later frames waiting for the room; rejects with the server's error, or the SDK's own.
 */
export async function enter(edge: Edge, frame: object, room: string | undefined, settings: EntrySettings):
    Promise<{ connection: Connection; joined: Joined }> {
  const query = [settings.compact ? 'state=compact' : '', room ? `room=${encodeURIComponent(room)}` : '']
    .filter(part => part !== '').join('&');
  const connection = await Connection.open(edge.ws + (query ? `?${query}` : ''), settings.WebSocket,
    settings.compact, settings.joinTimeoutMs);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.close();
      reject(new ArenaError('timeout', `no answer to the join within ${settings.joinTimeoutMs} ms`));
    }, settings.joinTimeoutMs);
    connection.attach(event => {
      if (event.kind === 'close') {
        clearTimeout(timer);
        reject(new ArenaError('closed', `the socket closed (${event.code}) before the join was answered`));
      } else if (event.message.type === 'joined') {
        clearTimeout(timer);
        connection.detach();
        resolve({ connection, joined: event.message as Joined });
      } else if (event.message.type === 'error') {
        clearTimeout(timer);
        connection.close();
        const error = event.message as { code: string; message: string };
        reject(new ArenaError(error.code, error.message));
      }
    });
    connection.send(frame);
  });
}
