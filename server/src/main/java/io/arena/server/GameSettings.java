package io.arena.server;

import com.typesafe.config.Config;
import java.time.Duration;

/** The game's tunables, read once from the {@code game} config section. */
public record GameSettings(
    int tickHz,
    Duration checkpointInterval,
    int roomCapacity,
    Duration roomIdleTimeout,
    Duration disconnectGrace,
    Duration writeTimeout,
    int outboundBuffer) {

  public static GameSettings fromConfig(Config game) {
    GameSettings settings = new GameSettings(
        game.getInt("tick-hz"),
        game.getDuration("checkpoint-interval"),
        game.getInt("room-capacity"),
        game.getDuration("room-idle-timeout"),
        game.getDuration("disconnect-grace"),
        game.getDuration("write-timeout"),
        game.getInt("outbound-buffer"));
    if (settings.tickHz < 1 || settings.tickHz > 120) {
      throw new IllegalArgumentException("GAME_TICK_HZ must be 1 to 120, was " + settings.tickHz);
    }
    if (settings.roomCapacity < 1) {
      throw new IllegalArgumentException("GAME_ROOM_CAPACITY must be at least 1");
    }
    return settings;
  }

  public Duration tickInterval() {
    return Duration.ofNanos(1_000_000_000L / tickHz);
  }

  public double tickSeconds() {
    return 1.0 / tickHz;
  }

  /** Whole ticks in {@code duration}, at least one. */
  public long ticksIn(Duration duration) {
    return Math.max(1, duration.toNanos() / tickInterval().toNanos());
  }
}
