package io.arena.game;

import java.time.Duration;

/**
 * How a game's rooms run. {@code tickHz} 1-120 for a real-time game, which the room calls every
 * tick; 0 for a turn-based one, which has no tick and whose {@code state} goes out on each change.
 * {@code capacity}: seats per room. {@code disconnectGrace}: how long a player who lost its socket
 * keeps its seat before it leaves.
 */
public record Traits(int tickHz, int capacity, Duration disconnectGrace) {
  public static final int MAX_TICK_HZ = 120;

  public Traits {
    if (tickHz < 0 || tickHz > MAX_TICK_HZ) {
      throw new IllegalArgumentException("tickHz must be 0 (turn-based) to " + MAX_TICK_HZ + ": " + tickHz);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    if (disconnectGrace.isNegative()) {
      throw new IllegalArgumentException("disconnectGrace must not be negative");
    }
  }

  public boolean isTurnBased() {
    return tickHz == 0;
  }
}
