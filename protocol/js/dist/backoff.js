export const DEFAULT_RECONNECT = { initialDelayMs: 250, maxDelayMs: 4000, giveUpAfterMs: 30_000 };
/**
 * Bounded exponential backoff with jitter: attempt n (from 0) waits a random time in [d/2, d],
 * d = min(maxDelayMs, initialDelayMs * 2^n). The jitter spreads a crowd that lost one node over
 * the survivors; the lower bound keeps a retry from hammering a node that is still starting.
 */
export function backoffDelay(attempt, options, random) {
    const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(attempt, 30));
    return ceiling / 2 + (ceiling / 2) * random();
}
