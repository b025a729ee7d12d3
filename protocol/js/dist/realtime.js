/**
 * Renders the room a little in the past (`delayMs`, default 100: two ticks at 20 Hz), between the
 * two states received around that moment, so a late or dropped frame does not show as a jump.
 */
export class Interpolation {
    lerp;
    delayMs;
    keep;
    frames = [];
    constructor(lerp, delayMs = 100, keep = 32) {
        this.lerp = lerp;
        this.delayMs = delayMs;
        this.keep = keep;
    }
    /** A state as it arrives; `at` is when (performance.now() by default). */
    push(state, at = performance.now()) {
        const last = this.frames[this.frames.length - 1];
        // A tick that goes back is a room recovered after a crash (G2): nothing to blend it with.
        if (last !== undefined && state.tick <= last.state.tick)
            this.frames.length = 0;
        this.frames.push({ at, state });
        if (this.frames.length > this.keep)
            this.frames.shift();
    }
    /** The state to draw at `at`; undefined before the first state. */
    sample(at = performance.now()) {
        const t = at - this.delayMs;
        let i = this.frames.length - 1;
        while (i > 0 && this.frames[i].at > t)
            i--;
        const from = this.frames[i];
        const to = this.frames[i + 1];
        if (from === undefined)
            return undefined;
        if (to === undefined || t <= from.at)
            return from.state;
        return this.lerp(from.state, to.state, (t - from.at) / (to.at - from.at));
    }
}
/**
 * One player's inputs applied at once on its own copy of the state, then corrected by the
 * server: each state drops the inputs its `acks` confirm (the arena's positions already include
 * the acknowledged input) and replays the rest over it with `step`, one step per input.
 */
export class Prediction {
    playerId;
    step;
    maxPending;
    pending = [];
    predicted;
    constructor(playerId, step, maxPending = 64) {
        this.playerId = playerId;
        this.step = step;
        this.maxPending = maxPending;
    }
    /** An input just sent as `seq` (what Room.send returned); returns the predicted state. */
    input(seq, input) {
        this.pending.push({ seq, input });
        // Acks that never come (a game that refuses) must not grow this without end.
        if (this.pending.length > this.maxPending)
            this.pending.shift();
        if (this.predicted !== undefined)
            this.predicted = this.step(this.predicted, input);
        return this.predicted;
    }
    /** A state from the server; returns it with the unacknowledged inputs replayed. */
    reconcile(state) {
        const ack = state.acks[this.playerId] ?? 0;
        while (this.pending.length > 0 && this.pending[0].seq <= ack)
            this.pending.shift();
        let predicted = state;
        for (const { input } of this.pending)
            predicted = this.step(predicted, input);
        this.predicted = predicted;
        return predicted;
    }
    get state() {
        return this.predicted;
    }
    /** Inputs sent that no state has acknowledged yet. */
    get unacknowledged() {
        return this.pending.length;
    }
}
/** The arena's positions blended between two states; coins and everything else as of `to`. */
export function arenaLerp(from, to, alpha) {
    const before = new Map(from.players.map(p => [p.id, p]));
    return {
        ...to,
        players: to.players.map(p => {
            const q = before.get(p.id);
            return q === undefined ? p : { ...p, x: q.x + (p.x - q.x) * alpha, y: q.y + (p.y - q.y) * alpha };
        }),
    };
}
/** Arena units a player moves per second at full input (protocol/README.md section 6). */
const ARENA_SPEED = 200;
const ARENA_SIZE = 1000;
/** The arena's movement of one player for one tick: input clamped to the unit disc, position to the arena. */
export function arenaStep(playerId, tickRate) {
    const perTick = ARENA_SPEED / tickRate;
    const clamp = (v) => Math.min(ARENA_SIZE, Math.max(0, v));
    return (state, { dx, dy }) => {
        const length = Math.hypot(dx, dy);
        const scale = length > 1 ? perTick / length : perTick;
        return {
            ...state,
            players: state.players.map(p => p.id !== playerId ? p
                : { ...p, x: clamp(p.x + dx * scale), y: clamp(p.y + dy * scale) }),
        };
    };
}
