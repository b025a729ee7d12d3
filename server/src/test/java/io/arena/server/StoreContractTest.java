package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The durability guarantees (CONTRACT section 3) on one store, over real sockets and a real
 * database: each store's test class runs these against its own configuration.
 */
abstract class StoreContractTest {
  /** One checkpoint interval at the default 1 s and 20 Hz. */
  private static final long CHECKPOINT_TICKS = 20;

  /** A node on the store under test; every call must reach the same stored data. */
  abstract Config node();

  private static String uniqueRoom(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** What a player saw just before its node went away. */
  private record Seen(String playerId, String resume, long tick, long score, double x, double y) {}

  private Seen playUntilScored(GameServer server, String room) throws Exception {
    try (WsClient client = WsClient.connect(server.httpPort())) {
      client.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"Ada\"}");
      JsonNode joined = client.expect("joined");
      String me = joined.path("playerId").asText();
      CoinChaser chaser = new CoinChaser(client, me);
      chaser.collectCoin();
      // Stand still, so the position a restart brings back is exactly the last one seen.
      chaser.standStill();
      JsonNode state = client.nextState();
      JsonNode player = WsClient.player(state, me);
      return new Seen(me, joined.path("resume").asText(), state.path("tick").asLong(),
          player.path("score").asLong(), player.path("x").asDouble(), player.path("y").asDouble());
    }
  }

  private JsonNode resume(GameServer server, Seen seen) throws Exception {
    try (WsClient client = WsClient.connect(server.httpPort())) {
      client.send("{\"type\":\"join\",\"resume\":\"" + seen.resume() + "\"}");
      JsonNode joined = client.expect("joined");
      assertEquals(seen.playerId(), joined.path("playerId").asText());
      JsonNode state = client.nextState();
      return WsClient.JSON.createObjectNode()
          .put("joinedTick", joined.path("tick").asLong())
          .set("player", WsClient.player(state, seen.playerId()));
    }
  }

  @Test
  void gracefulRestartTakesNothingBack() throws Exception {
    String room = uniqueRoom("graceful");
    GameServer first = GameServer.start(node());
    Seen seen;
    try {
      seen = playUntilScored(first, room);
    } finally {
      first.stop();
    }
    GameServer second = GameServer.start(node());
    try {
      JsonNode back = resume(second, seen);
      assertTrue(back.path("joinedTick").asLong() >= seen.tick(),
          () -> "tick went back from " + seen.tick() + " to " + back.path("joinedTick"));
      JsonNode player = back.path("player");
      assertEquals(seen.score(), player.path("score").asLong());
      assertEquals(seen.x(), player.path("x").asDouble(), 0.011);
      assertEquals(seen.y(), player.path("y").asDouble(), 0.011);
    } finally {
      second.stop();
    }
  }

  @Test
  void crashKeepsSeenScoresAndGoesBackAtMostOneCheckpoint() throws Exception {
    String room = uniqueRoom("crash");
    // Terminating without coordinated shutdown stops rooms without their final checkpoint: a crash.
    Config crashable = ConfigFactory.parseString(
        "akka.coordinated-shutdown.run-by-actor-system-terminate = off").withFallback(node());
    GameServer first = GameServer.start(crashable);
    Seen seen;
    try {
      seen = playUntilScored(first, room);
    } finally {
      first.system().terminate();
      first.system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    GameServer second = GameServer.start(node());
    try {
      JsonNode back = resume(second, seen);
      assertTrue(back.path("player").path("score").asLong() >= seen.score(), "G1: a seen score is kept");
      long joinedTick = back.path("joinedTick").asLong();
      assertTrue(joinedTick >= seen.tick() - CHECKPOINT_TICKS - 1,
          () -> "G2: tick went back from " + seen.tick() + " to " + joinedTick);
    } finally {
      second.stop();
    }
  }
}
