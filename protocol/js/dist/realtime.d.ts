import type { ArenaInput, ArenaState, GameState } from './games.js';
/**
 * Renders the room a little in the past (`delayMs`, default 100: two ticks at 20 Hz), between the
 * two states received around that moment, so a late or dropped frame does not show as a jump.
 */
export declare class Interpolation<S extends GameState> {
    private readonly lerp;
    private readonly delayMs;
    private readonly keep;
    private readonly frames;
    constructor(lerp: (from: S, to: S, alpha: number) => S, delayMs?: number, keep?: number);
    /** A state as it arrives; `at` is when (performance.now() by default). */
    push(state: S, at?: number): void;
    /** The state to draw at `at`; undefined before the first state. */
    sample(at?: number): S | undefined;
}
/**
 * One player's inputs applied at once on its own copy of the state, then corrected by the
 * server: each state drops the inputs its `acks` confirm (the arena's positions already include
 * the acknowledged input) and replays the rest over it with `step`, one step per input.
 */
export declare class Prediction<S extends GameState, I> {
    private readonly playerId;
    private readonly step;
    private readonly maxPending;
    private readonly pending;
    private predicted;
    constructor(playerId: string, step: (state: S, input: I) => S, maxPending?: number);
    /** An input just sent as `seq` (what Room.send returned); returns the predicted state. */
    input(seq: number, input: I): S | undefined;
    /** A state from the server; returns it with the unacknowledged inputs replayed. */
    reconcile(state: S): S;
    get state(): S | undefined;
    /** Inputs sent that no state has acknowledged yet. */
    get unacknowledged(): number;
}
/** The arena's positions blended between two states; coins and everything else as of `to`. */
export declare function arenaLerp(from: ArenaState, to: ArenaState, alpha: number): ArenaState;
/** The arena's movement of one player for one tick: input clamped to the unit disc, position to the arena. */
export declare function arenaStep(playerId: string, tickRate: number): (state: ArenaState, input: ArenaInput) => ArenaState;
