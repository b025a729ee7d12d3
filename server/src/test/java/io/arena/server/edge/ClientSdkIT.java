package io.arena.server.edge;

import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.NodeScript;
import io.arena.server.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client SDK (protocol/js) against a real node from the shaded jar: its scripts
 * under protocol/js/test/live play every bundled game, compare compact and JSON states, and run
 * the SDK README's example from an empty folder. Each script says PASS or why not.
 */
class ClientSdkIT {
  static final Path LIVE = NodeProcess.projectRoot().resolve("protocol/js/test/live");
  static final Duration SCRIPT_DONE = Duration.ofSeconds(300);

  private static TestCluster cluster;

  @BeforeAll
  static void startNode() throws Exception {
    cluster = TestCluster.start(1, "sdk_it");
  }

  @AfterAll
  static void stopNode() throws Exception {
    cluster.close();
  }

  @Test
  void playsEveryBundledGameAndItsCompactStatesEqualItsJsonStates() throws Exception {
    NodeScript.start(LIVE, "play-games.mjs", Map.of(), cluster.nodes.get(0).webSocketUrl()).assertPassed(SCRIPT_DONE);
  }

  @Test
  void theReadmeExamplePlaysFromAnEmptyFolderWithThePackedPackage() throws Exception {
    NodeScript.start(LIVE, "readme-example.mjs", Map.of(), cluster.nodes.get(0).webSocketUrl()).assertPassed(SCRIPT_DONE);
  }
}
