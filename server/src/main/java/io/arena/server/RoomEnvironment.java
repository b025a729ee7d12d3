package io.arena.server;

import java.time.Clock;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What a room takes from outside: the wall clock (checkpoint times), a random source per room
 * (spawns, coins, player ids), the metrics and the node's room quota. Tests pass fixed ones to
 * assert exact outcomes.
 */
public record RoomEnvironment(Clock clock, Function<String, RandomGenerator> randomForRoom,
    GameMetrics metrics, RoomQuota quota) {

  public static RoomEnvironment production(GameMetrics metrics, RoomQuota quota) {
    return new RoomEnvironment(Clock.systemUTC(),
        room -> RandomGenerator.of("L64X128MixRandom"), metrics, quota);
  }
}
