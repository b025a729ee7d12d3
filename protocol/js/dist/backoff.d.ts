/** How a room retries after losing its socket; every field is optional in ClientOptions. */
export interface ReconnectOptions {
    /** The first delay's upper bound, in ms (default 250). */
    initialDelayMs: number;
    /** No delay is longer than this, in ms (default 4000). */
    maxDelayMs: number;
    /** No attempt starts this long after the socket was lost, in ms (default 30000): `lost` instead. */
    giveUpAfterMs: number;
}
export declare const DEFAULT_RECONNECT: ReconnectOptions;
/**
 * Bounded exponential backoff with jitter: attempt n (from 0) waits a random time in [d/2, d],
 * d = min(maxDelayMs, initialDelayMs * 2^n). The jitter spreads a crowd that lost one node over
 * the survivors; the lower bound keeps a retry from hammering a node that is still starting.
 */
export declare function backoffDelay(attempt: number, options: ReconnectOptions, random: () => number): number;
