package io.arena.server.room;

import io.arena.server.config.GameSettings;
import java.time.Duration;

/**
 * When to try a failing durable write again, counted in ticks: after 1, 2, 4, then every 8
 * seconds, until one succeeds. Keeps a room from hammering a database that is down while it keeps
 * ticking; owned by one room.
 */
final class WriteBackoff {
  private final long firstTicks;
  private final long maxTicks;
  private int failures;
  private long retryAtTick;

  WriteBackoff(GameSettings settings) {
    this.firstTicks = settings.ticksIn(Duration.ofSeconds(1));
    this.maxTicks = settings.ticksIn(Duration.ofSeconds(8));
  }

  boolean allows(long tick) {
    return tick >= retryAtTick;
  }

  void failed(long tick) {
    retryAtTick = tick + Math.min(maxTicks, firstTicks << Math.min(failures, 16));
    failures++;
  }

  /** A success, or a last chance that must not wait (a stopping room). */
  void reset() {
    failures = 0;
    retryAtTick = 0;
  }
}
