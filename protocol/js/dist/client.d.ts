import { type ReconnectOptions } from './backoff.js';
import { type WebSocketClass } from './connection.js';
import type { GameState, InputOf, StateOf } from './games.js';
import type { RoomListing } from './messages.js';
import { Room } from './room.js';
export interface ClientOptions {
    /** `compact` takes the arena's states as binary deltas (protocol/README.md section 11). */
    state?: 'json' | 'compact';
    reconnect?: Partial<ReconnectOptions>;
    /** How long a socket may take to open, and the server to answer a join (default 15000 ms). */
    joinTimeoutMs?: number;
    /** A ping every this many ms keeps `latency` current and finds dead sockets (default 2000). */
    pingIntervalMs?: number;
    /** A WebSocket class to use instead of the global one (or the `ws` package). */
    WebSocket?: WebSocketClass;
    /** Random numbers in [0, 1) for the backoff's jitter (default Math.random). */
    random?: () => number;
}
export interface QuickJoinOptions<G extends string> {
    name: string;
    /** The game to play; default `arena`. */
    game?: G;
    /** The pool within the game; default `default`. */
    mode?: string;
    /** The player JWT, where the server requires one. */
    token?: string;
}
export interface JoinOptions<G extends string> extends QuickJoinOptions<G> {
    /** Makes a new room private: listed nowhere, joined only by its id. */
    private?: boolean;
}
export interface RoomFilter {
    game?: string;
    mode?: string;
    limit?: number;
}
export declare class Client {
    private readonly edges;
    private readonly options;
    /** `edges`: one address or several (`ws://host:8080`, `http://host:8080`, ...), tried in order. */
    constructor(edges: string | string[], options?: ClientOptions);
    /** A seat in a public room of the game and mode, or a new room (protocol/README.md section 10). */
    quickJoin<G extends string = 'arena', S extends GameState = StateOf<G>, I extends object = InputOf<G>>(options: QuickJoinOptions<G>): Promise<Room<S, I>>;
    /** Joins room `room`, creating it (of `options.game`) if it does not exist. */
    join<G extends string = 'arena', S extends GameState = StateOf<G>, I extends object = InputOf<G>>(room: string, options: JoinOptions<G>): Promise<Room<S, I>>;
    /** Comes back as the player of a resume token (Room.resumeToken), on any edge. */
    resume<S extends GameState = GameState, I extends object = Record<string, string | number>>(token: string): Promise<Room<S, I>>;
    /** The public rooms with players, fullest first, as `GET /rooms` on the first edge that answers. */
    rooms(filter?: RoomFilter): Promise<RoomListing[]>;
    /** Tries the edges in order until one takes the socket; the server's answer is final. */
    private enter;
    private context;
}
