package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default store as README command 1 runs it: one node in its own JVM on H2, stopped with
 * SIGTERM and started again on the same files (CONTRACT G2: after a graceful stop nothing goes
 * back). The JVM's own shutdown hooks run beside coordinated shutdown here, which no in-process
 * test sees.
 */
class EmbeddedStoreIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Path LOGS = Path.of("target", "node-logs", "embedded-store");

  @TempDir
  Path dataDir;
  private NodeProcess node;
  private WsClient client;

  @AfterEach
  void stopNode() throws Exception {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void gracefulStopOnTheEmbeddedStoreTakesNothingBack() throws Exception {
    Map<String, String> settings = new HashMap<>(NodeProcess.onH2(dataDir));
    // No periodic checkpoint in this test: the position can only come back from the final one.
    settings.put("GAME_CHECKPOINT_INTERVAL", "1h");
    node = new NodeProcess("first", settings, LOGS);
    node.startAlone(STARTUP);
    client = WsClient.connect(node.httpPort);
    client.send("{\"type\":\"join\",\"room\":\"embedded\",\"name\":\"Ada\"}");
    JsonNode joined = client.expect("joined");
    String me = joined.path("playerId").asText();
    CoinChaser chaser = new CoinChaser(client, me);
    chaser.collectCoin();
    chaser.standStill();
    JsonNode before = client.latestState();
    JsonNode seen = WsClient.player(before, me);

    assertEquals(143, node.terminate(), "SIGTERM ends the node through its shutdown hooks");
    client.close();
    node = new NodeProcess("again", settings, LOGS);
    node.startAlone(STARTUP);
    client = WsClient.connect(node.httpPort);
    client.send("{\"type\":\"join\",\"resume\":\"" + joined.path("resume").asText() + "\"}");
    assertEquals(me, client.expect("joined").path("playerId").asText());
    JsonNode after = client.nextState();
    JsonNode back = WsClient.player(after, me);

    assertTrue(after.path("tick").asLong() > before.path("tick").asLong(),
        "the tick went back from " + before.path("tick") + " to " + after.path("tick"));
    assertEquals(seen.path("score").asLong(), back.path("score").asLong(), "score");
    assertEquals(seen.path("x").asDouble(), back.path("x").asDouble(), 0.011, "x");
    assertEquals(seen.path("y").asDouble(), back.path("y").asDouble(), 0.011, "y");
  }
}
