package io.arena.server.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The game's tunables, read once from the {@code game} config section. */
public record GameSettings(
    int tickHz,
    Duration checkpointInterval,
    int roomCapacity,
    int departedKept,
    Duration roomIdleTimeout,
    Duration disconnectGrace,
    Duration writeTimeout,
    List<String> games,
    Limits limits) {

  /** Abuse limits: see {@code game.limits} in game.conf. */
  public record Limits(
      int messagesPerSecond,
      int messageBurst,
      Duration abuseCloseAfter,
      int maxFrameBytes,
      Duration idleTimeout,
      int roomsPerNode,
      List<String> allowedOrigins) {

    static Limits fromConfig(Config limits) {
      return new Limits(
          limits.getInt("messages-per-second"),
          limits.getInt("message-burst"),
          limits.getDuration("abuse-close-after"),
          limits.getInt("max-frame-bytes"),
          limits.getDuration("idle-timeout"),
          limits.getInt("rooms-per-node"),
          Arrays.stream(limits.getString("allowed-origins").split(","))
              .map(String::trim).filter(origin -> !origin.isEmpty()).toList());
    }
  }

  public static GameSettings fromConfig(Config game) {
    GameSettings settings = new GameSettings(
        game.getInt("tick-hz"),
        game.getDuration("checkpoint-interval"),
        game.getInt("room-capacity"),
        game.getInt("departed-kept"),
        game.getDuration("room-idle-timeout"),
        game.getDuration("disconnect-grace"),
        game.getDuration("write-timeout"),
        Arrays.stream(game.getString("games").split(","))
            .map(String::trim).filter(id -> !id.isEmpty()).toList(),
        Limits.fromConfig(game.getConfig("limits")));
    if (settings.tickHz < 1 || settings.tickHz > 120) {
      throw new IllegalArgumentException("GAME_TICK_HZ must be 1 to 120, was " + settings.tickHz);
    }
    if (settings.roomCapacity < 1) {
      throw new IllegalArgumentException("GAME_ROOM_CAPACITY must be at least 1");
    }
    if (settings.departedKept < 0) {
      throw new IllegalArgumentException("GAME_DEPARTED_KEPT must not be negative");
    }
    return settings;
  }

  /** These settings with rooms beating at {@code hz}: a game's own tick rate. */
  public GameSettings withTickHz(int hz) {
    return new GameSettings(hz, checkpointInterval, roomCapacity, departedKept, roomIdleTimeout,
        disconnectGrace, writeTimeout, games, limits);
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
