package io.arena.server.room;

import io.arena.server.lobby.Listings;
import io.arena.server.metrics.GameMetrics;
import java.time.Clock;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What a room takes from outside: the wall clock (checkpoint times), a random source per room
 * (spawns, coins, player ids), the metrics, the node's room quota, its list of running rooms,
 * where public rooms are listed, and the games it hosts. Tests pass fixed ones to assert exact outcomes.
 */
public record RoomEnvironment(Clock clock, Function<String, RandomGenerator> randomForRoom,
    GameMetrics metrics, RoomQuota quota, LocalRooms rooms, Listings listings, GameCatalog games) {

  public static RoomEnvironment production(GameMetrics metrics, RoomQuota quota, LocalRooms rooms,
      Listings listings, GameCatalog games) {
    return new RoomEnvironment(Clock.systemUTC(),
        room -> RandomGenerator.of("L64X128MixRandom"), metrics, quota, rooms, listings, games);
  }
}
