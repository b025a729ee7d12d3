package io.arena.server;

import java.time.Clock;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What a room takes from outside: the wall clock (checkpoint times, pong), a random source per room
 * (spawns, coins, player ids) and the metrics. Tests pass fixed ones to assert exact outcomes.
 */
public record RoomEnvironment(
    Clock clock, Function<String, RandomGenerator> randomForRoom, GameMetrics metrics) {

  public static RoomEnvironment production(GameMetrics metrics) {
    return new RoomEnvironment(Clock.systemUTC(),
        room -> RandomGenerator.of("L64X128MixRandom"), metrics);
  }
}
