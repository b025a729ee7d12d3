// The entry point: joins rooms through one or several edges, and reads the room list.
import { DEFAULT_RECONNECT, type ReconnectOptions } from './backoff.js';
import { edgeOf, enter, webSocketClass, type Edge, type WebSocketClass } from './connection.js';
import { ArenaError } from './errors.js';
import type { GameState, InputOf, StateOf } from './games.js';
import type { RoomListing } from './messages.js';
import { Room, type RoomContext } from './room.js';

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

export interface RoomFilter { game?: string; mode?: string; limit?: number }

const JOIN_TIMEOUT_MS = 15_000;  // above the server's own 10 s answer to a room that is stuck

export class Client {
  private readonly edges: Edge[];
  private readonly options: ClientOptions;

  /** `edges`: one address or several (`ws://host:8080`, `http://host:8080`, ...), tried in order. */
  constructor(edges: string | string[], options: ClientOptions = {}) {
    this.edges = (Array.isArray(edges) ? edges : [edges]).map(edgeOf);
    if (this.edges.length === 0) throw new TypeError('a client needs at least one edge address');
    this.options = options;
  }

  /** A seat in a public room of the game and mode, or a new room (protocol/README.md section 10). */
  quickJoin<G extends string = 'arena', S extends GameState = StateOf<G>, I extends object = InputOf<G>>(
      options: QuickJoinOptions<G>): Promise<Room<S, I>> {
    return this.enter({ type: 'join', ...joinFields(options) }, undefined);
  }

  /** Joins room `room`, creating it (of `options.game`) if it does not exist. */
  join<G extends string = 'arena', S extends GameState = StateOf<G>, I extends object = InputOf<G>>(
      room: string, options: JoinOptions<G>): Promise<Room<S, I>> {
    const frame: Record<string, unknown> = { type: 'join', room, ...joinFields(options) };
    if (options.private) frame.private = true;
    return this.enter(frame, room);
  }

  /** Comes back as the player of a resume token (Room.resumeToken), on any edge. */
  resume<S extends GameState = GameState, I extends object = Record<string, string | number>>(
      token: string): Promise<Room<S, I>> {
    return this.enter({ type: 'join', resume: token }, undefined);
  }

  /** The public rooms with players, fullest first, as `GET /rooms` on the first edge that answers. */
  async rooms(filter: RoomFilter = {}): Promise<RoomListing[]> {
    const query = new URLSearchParams();
    if (filter.game !== undefined) query.set('game', filter.game);
    if (filter.mode !== undefined) query.set('mode', filter.mode);
    if (filter.limit !== undefined) query.set('limit', String(filter.limit));
    const suffix = query.toString() !== '' ? `?${query}` : '';
    let failure = new ArenaError('connect_failed', 'no edge answered');
    for (const edge of this.edges) {
      let response: Response;
      try {
        response = await fetch(`${edge.http}/rooms${suffix}`);
      } catch (error) {
        failure = new ArenaError('connect_failed', `could not reach ${edge.http}: ${(error as Error).message}`);
        continue;
      }
      if (!response.ok) throw new ArenaError(`http_${response.status}`, (await response.text()).trim());
      return ((await response.json()) as { rooms: RoomListing[] }).rooms;
    }
    throw failure;
  }

  /** Tries the edges in order until one takes the socket; the server's answer is final. */
  private async enter<S extends GameState, I extends object>(frame: object, room: string | undefined): Promise<Room<S, I>> {
    const context = await this.context();
    let failure: unknown;
    for (let index = 0; index < this.edges.length; index++) {
      try {
        const { connection, joined } = await enter(this.edges[index]!, frame, room, context);
        return new Room<S, I>(context, connection, joined, index);
      } catch (error) {
        failure = error;
        const code = error instanceof ArenaError ? error.code : '';
        if (code !== 'connect_failed' && code !== 'timeout') throw error;
      }
    }
    throw failure;
  }

  private async context(): Promise<RoomContext> {
    return {
      edges: this.edges,
      WebSocket: this.options.WebSocket ?? await webSocketClass(),
      compact: this.options.state === 'compact',
      joinTimeoutMs: this.options.joinTimeoutMs ?? JOIN_TIMEOUT_MS,
      reconnect: { ...DEFAULT_RECONNECT, ...this.options.reconnect },
      pingIntervalMs: this.options.pingIntervalMs ?? 2000,
      random: this.options.random ?? Math.random,
    };
  }
}

function joinFields(options: QuickJoinOptions<string>): Record<string, string> {
  const fields: Record<string, string> = { name: options.name };
  if (options.game !== undefined) fields.game = options.game;
  if (options.mode !== undefined) fields.mode = options.mode;
  if (options.token !== undefined) fields.token = options.token;
  return fields;
}
