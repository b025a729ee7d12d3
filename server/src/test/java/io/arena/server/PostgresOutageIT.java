package io.arena.server;

import io.arena.server.testing.LocalPostgres;
import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.NodeScript;
import io.arena.server.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database outage for real: three nodes on a PostgreSQL of this test's own, which it stops and
 * starts (protocol/js/test/live/database-outage.mjs plays and checks). While the store is down,
 * running rooms keep ticking and acknowledging inputs whatever joins come, new rooms among them;
 * once it is back, every point scored meanwhile shows; then a node's kill -9 loses nothing shown.
 */
class PostgresOutageIT {
  private static final Path LIVE = NodeProcess.projectRoot().resolve("protocol/js/test/live");
  private static final Duration STEP = Duration.ofSeconds(120);

  private LocalPostgres postgres;
  private TestCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void runningRoomsKeepTickingAndKeepEveryPickupThroughAStoppedDatabaseWhateverJoinsCome() throws Exception {
    postgres = LocalPostgres.start();
    cluster = TestCluster.start(3, NodeProcess.onPostgres(postgres.jdbcUrl()));
    NodeScript script = NodeScript.start(LIVE, "database-outage.mjs", Map.of(),
        cluster.nodes.stream().map(NodeProcess::webSocketUrl).toArray(String[]::new));
    script.awaitLine("STOP-DB", STEP);
    postgres.stopServer();
    script.say("DB-STOPPED");
    script.awaitLine("START-DB", STEP);
    postgres.startServer();
    script.say("DB-STARTED");
    script.awaitLine("KILL", STEP);
    cluster.nodes.get(2).kill();
    script.say("KILLED");
    script.assertPassed(Duration.ofSeconds(300));
  }
}
