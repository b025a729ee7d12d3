package io.arena.server.edge;

/**
 * Rate limit of one socket: {@code ratePerSecond} tokens a second, at most {@code burst} saved up,
 * one token per message. Time is passed in, so tests need no clock. Used by one session only.
 */
final class TokenBucket {
  private final double tokensPerMilli;
  private final double burst;
  private double tokens;
  private long lastMillis;

  TokenBucket(double ratePerSecond, double burst, long nowMillis) {
    this.tokensPerMilli = ratePerSecond / 1000;
    this.burst = burst;
    this.tokens = burst;
    this.lastMillis = nowMillis;
  }

  /** Takes a token if there is one. */
  boolean tryTake(long nowMillis) {
    if (nowMillis > lastMillis) {
      tokens = Math.min(burst, tokens + (nowMillis - lastMillis) * tokensPerMilli);
      lastMillis = nowMillis;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
