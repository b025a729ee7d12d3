package io.arena.server;

import java.time.Clock;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What a room takes from outside: the wall clock (checkpoint times), a random source per room
 * (spawns, coins, player ids), the metrics, the node's room quota and the node's reports for the
 * operator dashboard. Tests pass fixed ones to assert exact outcomes.
 */
public record RoomEnvironment(Clock clock, Function<String, RandomGenerator> randomForRoom,
    GameMetrics metrics, RoomQuota quota, RoomReports reports) {

  public static RoomEnvironment production(GameMetrics metrics, RoomQuota quota, RoomReports reports) {
    return new RoomEnvironment(Clock.systemUTC(),
        room -> RandomGenerator.of("L64X128MixRandom"), metrics, quota, reports);
  }
}
