package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.ScoredPlayer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default store as README command 1 runs it: one node in its own JVM on H2, stopped with
 * SIGTERM and started again on the same files (protocol/README.md section 6, G2: after a graceful stop nothing goes
 * back). The JVM's own shutdown hooks run beside coordinated shutdown here, which no in-process
 * test sees.
 */
class EmbeddedStoreIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Path LOGS = Path.of("target", "node-logs", "embedded-store");

  @TempDir
  Path dataDir;
  private NodeProcess node;

  @AfterEach
  void stopNode() throws Exception {
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
    ScoredPlayer seen = ScoredPlayer.afterScoring(node.httpPort, "embedded");
    assertEquals(143, node.terminate(), "SIGTERM ends the node through its shutdown hooks");

    node = new NodeProcess("again", settings, LOGS);
    node.startAlone(STARTUP);
    seen.assertNothingWentBack(seen.resumeOn(node.httpPort));
  }
}
