package io.arena.server.room;

import io.arena.server.lobby.Listings;
import io.arena.server.metrics.GameMetrics;
import java.time.Clock;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What a room takes from outside: the wall clock (checkpoint times), a random source per room
 * (spawns, coins, player ids), the metrics, the node's room quota, its list of running rooms, and
 * where public rooms are listed. Tests pass fixed ones to assert exact outcomes.
 */
public record RoomEnvironment(Clock clock, Function<String, RandomGenerator> randomForRoom,
    GameMetrics metrics, RoomQuota quota, LocalRooms rooms, Listings listings) {

  public static RoomEnvironment production(GameMetrics metrics, RoomQuota quota, LocalRooms rooms,
      Listings listings) {
    return new RoomEnvironment(Clock.systemUTC(),
        room -> RandomGenerator.of("L64X128MixRandom"), metrics, quota, rooms, listings);
  }
}
