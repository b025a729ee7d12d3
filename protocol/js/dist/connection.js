// One WebSocket to one edge: opens it, reads its frames (JSON text, or compact binary states
// decoded by a decoder of its own), and hands them to one listener at a time. Frames that come
// while nobody listens (between a join's answer and the room taking over) wait in order.
import { CompactDecoder } from './compact.js';
import { ArenaError } from './errors.js';
/** The close code the SDK reports when a compact state frame did not decode (section 11.5). */
export const UNDECODABLE = 4001;
/** `ws://host:8080`, `http://host:8080`, `wss://host/path/ws`, ...: the edge's two addresses. */
export function edgeOf(address) {
    const url = new URL(address);
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
        throw new TypeError(`an edge address is ws://, wss://, http:// or https://, not ${address}`);
    }
    const secure = url.protocol === 'https:' || url.protocol === 'wss:';
    let path = url.pathname.replace(/\/+$/, '');
    if (path.endsWith('/ws'))
        path = path.slice(0, -3);
    return { ws: `${secure ? 'wss' : 'ws'}://${url.host}${path}/ws`, http: `${secure ? 'https' : 'http'}://${url.host}${path}` };
}
/** The global WebSocket where there is one (browsers, Node.js 22+), else the `ws` package. */
export async function webSocketClass() {
    if (typeof globalThis.WebSocket === 'function')
        return globalThis.WebSocket;
    // A name in a variable: a bundler for browsers must not pull Node's package in.
    const name = 'ws';
    const module = await import(name);
    return (module.WebSocket ?? module.default);
}
export class Connection {
    socket;
    listener = null;
    waiting = [];
    decoder;
    closed = false;
    /** performance.now() of the last frame received. */
    lastHeard = performance.now();
    constructor(socket, compact) {
        this.socket = socket;
        this.decoder = compact ? new CompactDecoder() : null;
        socket.onmessage = event => this.receive(event.data);
        socket.onclose = event => this.deliver({ kind: 'close', code: event.code, reason: event.reason });
    }
    /** Resolves once the socket is open; rejects with `connect_failed` or `timeout`. */
    static open(url, WebSocketImpl, compact, timeoutMs) {
        return new Promise((resolve, reject) => {
            const socket = new WebSocketImpl(url);
            socket.binaryType = 'arraybuffer';
            const timer = setTimeout(() => {
                socket.onclose = null;
                socket.close();
                reject(new ArenaError('timeout', `${url} did not open within ${timeoutMs} ms`));
            }, timeoutMs);
            socket.onerror = () => { }; // the close that follows says it; ws would throw otherwise
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
    send(message) {
        if (!this.closed && this.socket.readyState === 1)
            this.socket.send(JSON.stringify(message));
    }
    /** Closes the socket; its close is not reported to anyone. */
    close(code = 1000, reason = '') {
        if (this.closed)
            return;
        this.closed = true;
        this.listener = null;
        this.socket.onmessage = null;
        this.socket.onclose = null;
        this.socket.close(code, reason);
    }
    /** Takes over the events: first those that waited, then each as it comes. */
    attach(listener) {
        this.listener = listener;
        while (this.listener === listener && this.waiting.length > 0)
            listener(this.waiting.shift());
    }
    /** Until the next attach, events wait. */
    detach() {
        this.listener = null;
    }
    receive(data) {
        this.lastHeard = performance.now();
        let message;
        if (typeof data === 'string') {
            try {
                message = JSON.parse(data);
            }
            catch {
                return; // the server writes only JSON objects; a proxy's garbage changes nothing
            }
        }
        else {
            try {
                if (this.decoder === null)
                    return;
                message = this.decoder.apply(data);
            }
            catch (error) {
                // Section 11.5: drop the state and resume on a new socket, which starts with a keyframe.
                const reason = `a compact state frame did not decode: ${error.message}`;
                const listener = this.listener;
                this.close(UNDECODABLE, 'undecodable state frame');
                const event = { kind: 'close', code: UNDECODABLE, reason };
                if (listener !== null)
                    listener(event);
                else
                    this.waiting.push(event);
                return;
            }
        }
        this.deliver({ kind: 'message', message });
    }
    deliver(event) {
        if (this.closed)
            return;
        if (event.kind === 'close')
            this.closed = true;
        if (this.listener !== null)
            this.listener(event);
        else
            this.waiting.push(event);
    }
}
/**
 * Opens a socket to `edge`, sends `frame` (a join or a resume) and resolves on `joined`, with the
 * socket's later frames waiting for the room; rejects with the server's error, or the SDK's own.
 */
export async function enter(edge, frame, room, settings) {
    const query = [settings.compact ? 'state=compact' : '', room ? `room=${encodeURIComponent(room)}` : '']
        .filter(part => part !== '').join('&');
    const connection = await Connection.open(edge.ws + (query ? `?${query}` : ''), settings.WebSocket, settings.compact, settings.joinTimeoutMs);
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            connection.close();
            reject(new ArenaError('timeout', `no answer to the join within ${settings.joinTimeoutMs} ms`));
        }, settings.joinTimeoutMs);
        connection.attach(event => {
            if (event.kind === 'close') {
                clearTimeout(timer);
                reject(new ArenaError('closed', `the socket closed (${event.code}) before the join was answered`));
            }
            else if (event.message.type === 'joined') {
                clearTimeout(timer);
                connection.detach();
                resolve({ connection, joined: event.message });
            }
            else if (event.message.type === 'error') {
                clearTimeout(timer);
                connection.close();
                const error = event.message;
                reject(new ArenaError(error.code, error.message));
            }
        });
        connection.send(frame);
    });
}
