// A player in a room: the latest state, events, inputs numbered by the SDK, and a resume of its
// own when the socket goes away (protocol/README.md section 5). The reconnect rule is in
// protocol/js/README.md; the code below is that rule.
import { backoffDelay, type ReconnectOptions } from './backoff.js';
import { Connection, UNDECODABLE, enter, type ConnectionEvent, type Edge, type EntrySettings } from './connection.js';
import { ArenaError } from './errors.js';
import { Emitter } from './events.js';
import type { Fields, GameState } from './games.js';
import type { ChatLine, ErrorFrame, Joined, Pong } from './messages.js';
import { InputNumbering } from './numbering.js';

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
  reconnecting: (info: { reason: string }) => void;
  /** Back in the room, with the same player, score and seq numbering. */
  reconnected: (info: { attempts: number; afterMs: number; edge: string }) => void;
  /** Resuming ended without getting back in; the room is done with. */
  lost: (info: { code: string; reason: string }) => void;
}

export type RoomStatus = 'joined' | 'reconnecting' | 'left' | 'lost';

/** What a room needs from its client. */
export interface RoomContext extends EntrySettings {
  edges: Edge[];
  reconnect: ReconnectOptions;
  pingIntervalMs: number;
  random: () => number;
}

/** Close codes after which the room resumes: the socket or its node went away, or asked for it. */
const RESUMABLE_CLOSES = new Set([1001, 1005, 1006, 1011, 1012, 1013, 1014, UNDECODABLE]);
/** Failures of a resume attempt that the next attempt may not meet. */
const RETRYABLE = new Set(['connect_failed', 'timeout', 'closed', 'unavailable', 'rate_limited']);
/**
 * A socket that has answered nothing for this many ping intervals since a ping is taken for
 * dead. Counted from the ping, not from the last frame: a background tab's timers may fire only
 * once a minute, and a quiet turn-based room sends nothing between pongs.
 */
const SILENT_INTERVALS = 5;
const LATENCY_WEIGHT = 0.2;

export class Room<S extends GameState = GameState, I extends object = Fields> extends Emitter<RoomEvents<S>> {
  readonly id: string;
  readonly game: string;
  readonly playerId: string;
  /** The latest state received; undefined before the first. */
  state: S | undefined;
  /** Round-trip time to the edge in ms, smoothed over the pings; undefined before the first pong. */
  latency: number | undefined;

  private resume: string;
  private rate: number;
  private current: RoomStatus = 'joined';
  private connection: Connection | null;
  private edge: number;
  private readonly numbering: InputNumbering;
  private held: I | null = null;
  private readonly pings = new Map<number, { resolve: (rtt: number) => void; reject: (error: Error) => void }>();
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lostAt = 0;
  /** When the first ping that nothing has been heard after went out; undefined when heard. */
  private unansweredSince: number | undefined;
  private attempts = 0;
  private lastFailure = '';

  /** @internal Made by Client once the server answered the join. */
  constructor(private readonly context: RoomContext, connection: Connection, joined: Joined, edge: number) {
    super();
    this.id = joined.room;
    this.game = joined.game ?? 'arena';
    this.playerId = joined.playerId;
    this.resume = joined.resume;
    this.rate = joined.tickRate;
    this.numbering = new InputNumbering(joined.lastSeq ?? 0);
    this.connection = connection;
    this.edge = edge;
    // Frames that came with the answer wait one turn, so the app, subscribing right after its
    // await, sees them as events too.
    setTimeout(() => this.listen(connection), 0);
  }

  /** The resume token: keep it (say, in sessionStorage) to come back with Client.resume. */
  get resumeToken(): string {
    return this.resume;
  }

  /** Ticks per second; 0 for a turn-based game. */
  get tickRate(): number {
    return this.rate;
  }

  get status(): RoomStatus {
    return this.current;
  }

  /** The highest input seq sent, or acknowledged at a resume. */
  get lastSeq(): number {
    return this.numbering.last;
  }

  /**
   * Sends an input (the game's fields; the SDK adds `seq`) and returns its seq. While
   * reconnecting it keeps only the newest input and returns undefined: that input is sent, with a
   * new seq, right after `reconnected`. After leave() or `lost` it does nothing.
   */
  send(fields: I): number | undefined {
    if (this.current === 'reconnecting') this.held = fields;
    if (this.current !== 'joined') return undefined;
    const seq = this.numbering.next();
    this.connection!.send({ ...fields, type: 'input', seq });
    return seq;
  }

  /** Says a line to the room; false if not in the room right now (it is not kept for later). */
  chat(text: string): boolean {
    if (this.current !== 'joined') return false;
    this.connection!.send({ type: 'chat', text });
    return true;
  }

  /** Measures one round trip, in ms; it also feeds `latency`. */
  ping(): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.current !== 'joined') {
        reject(new ArenaError('closed', 'not connected to the room right now'));
        return;
      }
      let t = performance.now();
      while (this.pings.has(t)) t += 0.001;
      this.pings.set(t, { resolve, reject });
      this.connection!.send({ type: 'ping', t });
    });
  }

  /** Leaves the room for good: no resume follows, whatever happens to the socket. */
  leave(): void {
    if (this.current === 'left' || this.current === 'lost') return;
    this.current = 'left';
    this.connection?.send({ type: 'leave' });
    this.stop();
    this.emit('leave');
  }

  private listen(connection: Connection): void {
    if (this.connection !== connection) return;
    connection.attach(event => this.handle(connection, event));
    this.unansweredSince = undefined;
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.beat(connection), this.context.pingIntervalMs);
    this.ping().catch(() => {});  // a latency figure from the start
  }

  private handle(connection: Connection, event: ConnectionEvent): void {
    if (connection !== this.connection) return;
    if (event.kind === 'close') {
      const why = `the socket closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`;
      if (RESUMABLE_CLOSES.has(event.code)) this.reconnect(why);
      else this.lose('closed', why);
      return;
    }
    const message = event.message;
    switch (message.type) {
      case 'state':
        this.state = message as unknown as S;
        this.emit('state', this.state);
        break;
      case 'chat':
        this.emit('chat', message as ChatLine);
        break;
      case 'pong':
        this.ponged(message as Pong);
        break;
      case 'error':
        this.refused(message as ErrorFrame);
        break;
      default:
        break;  // a type this SDK does not know yet: the protocol lets servers add them
    }
  }

  private refused(error: ErrorFrame): void {
    if (error.code === 'unavailable') {
      // The room moved and the edge could not reattach us (section 5): resume anew.
      this.reconnect(`the room became unavailable: ${error.message}`);
    } else if (error.code === 'not_joined') {
      this.lose(error.code, error.message);  // this player connected again elsewhere
    } else {
      this.emit('error', new ArenaError(error.code, error.message));
    }
  }

  private ponged(pong: Pong): void {
    const rtt = performance.now() - pong.t;
    if (!(rtt >= 0)) return;
    this.latency = this.latency === undefined ? rtt : this.latency + (rtt - this.latency) * LATENCY_WEIGHT;
    const waiting = this.pings.get(pong.t);
    if (waiting !== undefined) {
      this.pings.delete(pong.t);
      waiting.resolve(rtt);
    }
  }

  private beat(connection: Connection): void {
    const now = performance.now();
    if (this.unansweredSince === undefined || connection.lastHeard >= this.unansweredSince) {
      this.unansweredSince = now;
    } else if (now - this.unansweredSince > SILENT_INTERVALS * this.context.pingIntervalMs) {
      this.reconnect(`nothing heard for ${Math.round(now - connection.lastHeard)} ms`);
      return;
    }
    this.ping().catch(() => {});
  }

  private reconnect(reason: string): void {
    this.drop();
    this.current = 'reconnecting';
    this.lostAt = performance.now();
    this.attempts = 0;
    this.lastFailure = reason;
    this.emit('reconnecting', { reason });
    this.schedule();
  }

  private schedule(): void {
    const delay = backoffDelay(this.attempts, this.context.reconnect, this.context.random);
    const elapsed = performance.now() - this.lostAt;
    if (elapsed + delay > this.context.reconnect.giveUpAfterMs) {
      this.lose('gave_up', `no way back after ${this.attempts} attempts in ${Math.round(elapsed)} ms; last: ${this.lastFailure}`);
      return;
    }
    this.retryTimer = setTimeout(() => void this.attempt(), delay);
  }

  /** One resume, on the edges after the last one in turn: that one may be what went away. */
  private async attempt(): Promise<void> {
    const index = (this.edge + 1 + this.attempts) % this.context.edges.length;
    const edge = this.context.edges[index]!;
    this.attempts++;
    try {
      const { connection, joined } = await enter(edge, { type: 'join', resume: this.resume }, this.id, this.context);
      if (this.current !== 'reconnecting') {
        connection.send({ type: 'leave' });  // left meanwhile: the resume must not stay attached
        connection.close();
        return;
      }
      this.adopt(connection, joined, index);
    } catch (error) {
      if (this.current !== 'reconnecting') return;
      const failure = error instanceof ArenaError ? error : new ArenaError('closed', String(error));
      if (!RETRYABLE.has(failure.code)) {
        this.lose(failure.code, failure.message);
        return;
      }
      this.lastFailure = `${failure.code}: ${failure.message}`;
      this.schedule();
    }
  }

  private adopt(connection: Connection, joined: Joined, index: number): void {
    this.connection = connection;
    this.edge = index;
    this.resume = joined.resume;
    this.rate = joined.tickRate;
    this.numbering.resumed(joined.lastSeq ?? 0);
    this.current = 'joined';
    this.emit('joined', joined);
    this.emit('reconnected', { attempts: this.attempts, afterMs: Math.round(performance.now() - this.lostAt),
      edge: this.context.edges[index]!.ws });
    if (this.current !== 'joined') return;  // a listener left
    this.listen(connection);
    const held = this.held;
    this.held = null;
    if (held !== null) this.send(held);
  }

  private lose(code: string, reason: string): void {
    this.current = 'lost';
    this.stop();
    this.emit('lost', { code, reason });
  }

  /** Closes the socket, if any, and fails the pings waiting on it. */
  private drop(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    this.connection?.close();
    this.connection = null;
    for (const waiting of this.pings.values()) waiting.reject(new ArenaError('closed', 'the socket went away'));
    this.pings.clear();
  }

  private stop(): void {
    this.drop();
    clearTimeout(this.retryTimer);
    this.held = null;
  }
}
