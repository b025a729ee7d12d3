import { type ReconnectOptions } from './backoff.js';
import { Connection, type Edge, type EntrySettings } from './connection.js';
import { ArenaError } from './errors.js';
import { Emitter } from './events.js';
import type { Fields, GameState } from './games.js';
import type { ChatLine, Joined } from './messages.js';
export interface RoomEvents<S> {
    /** A new state of the room, as the server sent it (compact frames decoded to the same object). */
    state: (state: S) => void;
    /** A `joined` after a resume (the first one answered the join), just before `reconnected`. */
    joined: (joined: Joined) => void;
    chat: (line: ChatLine) => void;
    /** A request the server refused while in the room (bad_move, bad_message, rate_limited, ...). */
    error: (error: ArenaError) => void;
    /** After leave(): the room is done with. */
    leave: () => void;
    /** The socket went away, or the server dropped this player from the room: resuming. */
    reconnecting: (info: {
        reason: string;
    }) => void;
    /** Back in the room, with the same player, score and seq numbering. */
    reconnected: (info: {
        attempts: number;
        afterMs: number;
        edge: string;
    }) => void;
    /** Resuming ended without getting back in; the room is done with. */
    lost: (info: {
        code: string;
        reason: string;
    }) => void;
}
export type RoomStatus = 'joined' | 'reconnecting' | 'left' | 'lost';
/** What a room needs from its client. */
export interface RoomContext extends EntrySettings {
    edges: Edge[];
    reconnect: ReconnectOptions;
    pingIntervalMs: number;
    random: () => number;
}
export declare class Room<S extends GameState = GameState, I extends object = Fields> extends Emitter<RoomEvents<S>> {
    private readonly context;
    readonly id: string;
    readonly game: string;
    readonly playerId: string;
    /** The latest state received; undefined before the first. */
    state: S | undefined;
    /** Round-trip time to the edge in ms, smoothed over the pings; undefined before the first pong. */
    latency: number | undefined;
    private resume;
    private rate;
    private current;
    private connection;
    private edge;
    private readonly numbering;
    private held;
    private readonly pings;
    private pingTimer;
    private retryTimer;
    private lostAt;
    /** When the first ping that nothing has been heard after went out; undefined when heard. */
    private unansweredSince;
    private attempts;
    private lastFailure;
    /** @internal Made by Client once the server answered the join. */
    constructor(context: RoomContext, connection: Connection, joined: Joined, edge: number);
    /** The resume token: keep it (say, in sessionStorage) to come back with Client.resume. */
    get resumeToken(): string;
    /** Ticks per second; 0 for a turn-based game. */
    get tickRate(): number;
    get status(): RoomStatus;
    /** The highest input seq sent, or acknowledged at a resume. */
    get lastSeq(): number;
    /**
     * Sends an input (the game's fields; the SDK adds `seq`) and returns its seq. While
     * reconnecting it keeps only the newest input and returns undefined: that input is sent, with a
     * new seq, right after `reconnected`. After leave() or `lost` it does nothing.
     */
    send(fields: I): number | undefined;
    /** Says a line to the room; false if not in the room right now (it is not kept for later). */
    chat(text: string): boolean;
    /** Measures one round trip, in ms; it also feeds `latency`. */
    ping(): Promise<number>;
    /** Leaves the room for good: no resume follows, whatever happens to the socket. */
    leave(): void;
    private listen;
    private handle;
    private refused;
    private ponged;
    private beat;
    private reconnect;
    private schedule;
    /** One resume, on the edges after the last one in turn: that one may be what went away. */
    private attempt;
    private adopt;
    private lose;
    /** Closes the socket, if any, and fails the pings waiting on it. */
    private drop;
    private stop;
}
