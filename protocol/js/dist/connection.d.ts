import type { Joined, ServerMessage } from './messages.js';
export type WebSocketClass = new (url: string) => WebSocket;
/** The close code the SDK reports when a compact state frame did not decode (section 11.5). */
export declare const UNDECODABLE = 4001;
export type ConnectionEvent = {
    kind: 'message';
    message: ServerMessage;
} | {
    kind: 'close';
    code: number;
    reason: string;
};
/** Where an edge takes sockets and answers the room list. */
export interface Edge {
    ws: string;
    http: string;
}
/** `ws://host:8080`, `http://host:8080`, `wss://host/path/ws`, ...: the edge's two addresses. */
export declare function edgeOf(address: string): Edge;
/** The global WebSocket where there is one (browsers, Node.js 22+), else the `ws` package. */
export declare function webSocketClass(): Promise<WebSocketClass>;
export declare class Connection {
    private readonly socket;
    private listener;
    private readonly waiting;
    private readonly decoder;
    private closed;
    /** performance.now() of the last frame received. */
    lastHeard: number;
    private constructor();
    /** Resolves once the socket is open; rejects with `connect_failed` or `timeout`. */
    static open(url: string, WebSocketImpl: WebSocketClass, compact: boolean, timeoutMs: number): Promise<Connection>;
    send(message: object): void;
    /** Closes the socket; its close is not reported to anyone. */
    close(code?: number, reason?: string): void;
    /** Takes over the events: first those that waited, then each as it comes. */
    attach(listener: (event: ConnectionEvent) => void): void;
    /** Until the next attach, events wait. */
    detach(): void;
    private receive;
    private deliver;
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
export declare function enter(edge: Edge, frame: object, room: string | undefined, settings: EntrySettings): Promise<{
    connection: Connection;
    joined: Joined;
}>;
