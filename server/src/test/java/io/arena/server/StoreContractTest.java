package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.arena.server.testing.ScoredPlayer;
import io.arena.server.testing.TestNodes;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The durability guarantees (protocol/README.md section 6) on one store, over real sockets and a real
 * database: each store's test class runs these against its own configuration.
 */
abstract class StoreContractTest {
  /** A node on the store under test; every call must reach the same stored data. */
  abstract Config node();

  private static String uniqueRoom(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void gracefulRestartTakesNothingBack() throws Exception {
    String room = uniqueRoom("graceful");
    GameServer first = GameServer.start(node());
    ScoredPlayer seen;
    try {
      seen = ScoredPlayer.afterScoring(first.httpPort(), room);
    } finally {
      first.stop();
    }
    GameServer second = GameServer.start(node());
    try {
      seen.assertNothingWentBack(seen.resumeOn(second.httpPort()));
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
    ScoredPlayer seen;
    try {
      seen = ScoredPlayer.afterScoring(first.httpPort(), room);
    } finally {
      first.system().terminate();
      first.system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    GameServer second = GameServer.start(node());
    try {
      ScoredPlayer.Back back = seen.resumeOn(second.httpPort());
      assertTrue(back.player().path("score").asLong() >= seen.score(), "G1: a seen score is kept");
      long joinedTick = back.joinedTick();
      assertTrue(joinedTick >= seen.tick() - TestNodes.CHECKPOINT_TICKS - 1,
          () -> "G2: tick went back from " + seen.tick() + " to " + joinedTick);
    } finally {
      second.stop();
    }
  }
}
