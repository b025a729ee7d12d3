package io.arena.server.edge;

import static io.arena.server.edge.ClientSdkIT.LIVE;
import static io.arena.server.edge.ClientSdkIT.SCRIPT_DONE;

import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.NodeScript;
import io.arena.server.testing.TestCluster;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client SDK in a two-node cluster (protocol/js/test/live/survive-kill.mjs): with no
 * reconnect code of its own, a player whose room and edge are on the node killed with kill -9
 * resumes through the other node with its score and no seq used twice; with both nodes killed, it
 * ends in `lost` within the SDK's documented bound. This class kills the nodes when the script
 * says KILL, then KILL-ALL.
 */
class ClientSdkFailoverIT {
  private TestCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void resumesByItselfWhenItsRoomsNodeIsKilledAndEndsInLostWhenNoNodeIsLeft() throws Exception {
    cluster = TestCluster.start(2, "sdk_failover_it");
    // Two nodes split one and one: the Split Brain Resolver (keep-majority) keeps the side with
    // the lowest address, so the node killed first must be the other one.
    NodeProcess survivor = cluster.nodes.stream().min(Comparator.comparingInt(node -> node.clusterPort)).orElseThrow();
    NodeProcess victim = cluster.nodes.stream().filter(node -> node != survivor).findFirst().orElseThrow();
    NodeScript script = NodeScript.start(LIVE, "survive-kill.mjs", Map.of(), victim.webSocketUrl(), survivor.webSocketUrl(),
        victim.address(), "http://127.0.0.1:" + survivor.adminPort);
    script.awaitLine("KILL", Duration.ofSeconds(120));
    victim.kill();
    script.awaitLine("KILL-ALL", Duration.ofSeconds(120));
    survivor.kill();
    script.assertPassed(SCRIPT_DONE);
  }
}
