package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.TestCluster;
import io.arena.server.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Recovery time after {@code kill -9}: from the kill to the first {@code state} frame of each
 * recovered room, seen by a client on a surviving edge. A benchmark, not part of the test suite:
 * it measures and reports, it asserts no timing. Each run is a fresh three-node cluster, and the
 * victim rotates so that the oldest node (which also hosts the shard coordinator) dies every third
 * run. Run it with {@code mvn -B -pl server verify -Pfailover-benchmark -Dfailover.runs=5}.
 */
class FailoverBenchmark {
  private static final int NODES = 3;
  private static final int ROOMS_PER_RUN = 3;
  private static final int MAX_ROOMS_TRIED = 40;
  private static final Duration RECOVERY = Duration.ofSeconds(60);

  @Test
  void recoveryTimeAfterKill() throws Exception {
    int runs = Integer.getInteger("failover.runs", 5);
    List<Double> samples = new ArrayList<>();
    StringBuilder report = new StringBuilder("run  killed          rooms  first state frame after kill (s)\n");
    for (int run = 0; run < runs; run++) {
      try (TestCluster cluster = TestCluster.start(NODES)) {
        NodeProcess victim = cluster.nodes.get(run % NODES);
        NodeProcess edge = cluster.nodes.get((run + 1) % NODES);
        List<WsClient> watchers = watchRoomsOwnedBy(cluster, victim, edge, run);
        for (WsClient watcher : watchers) {
          watcher.latestState();
        }
        long killedAt = System.nanoTime();
        victim.kill();
        List<Double> runSamples = new ArrayList<>();
        for (WsClient watcher : watchers) {
          watcher.skipReceived();
        }
        for (WsClient watcher : watchers) {
          JsonNode first = watcher.nextState(frame -> true, RECOVERY);
          runSamples.add((first.path(WsClient.RECEIVED_AT).asLong() - killedAt) / 1e9);
          watcher.close();
        }
        samples.addAll(runSamples);
        report.append(String.format(Locale.ROOT, "%-4d %-15s %-6d %s%n", run + 1,
            victim.name + (run % NODES == 0 ? " (oldest)" : ""), watchers.size(),
            runSamples.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList()));
      }
    }
    samples.sort(Double::compare);
    report.append(String.format(Locale.ROOT, "%d rooms over %d runs: p50 %.2f s, max %.2f s%n",
        samples.size(), runs, samples.get(samples.size() / 2), samples.get(samples.size() - 1)));
    System.out.print(report);
    Files.writeString(Path.of("target", "failover-benchmark.txt"), report);
  }

  /** Joins rooms through {@code edge} until {@code victim} hosts enough of them; one client each. */
  private static List<WsClient> watchRoomsOwnedBy(TestCluster cluster, NodeProcess victim,
      NodeProcess edge, int run) throws Exception {
    List<WsClient> watchers = new ArrayList<>();
    for (int i = 0; i < MAX_ROOMS_TRIED && watchers.size() < ROOMS_PER_RUN; i++) {
      String room = "bench-" + run + "-" + i;
      WsClient client = WsClient.connect(edge.httpPort);
      client.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"watcher\"}");
      client.expect("joined");
      if (cluster.ownerOf(room) == victim) {
        watchers.add(client);
      } else {
        client.close();
      }
    }
    assertFalse(watchers.isEmpty(), victim.name + " hosts none of " + MAX_ROOMS_TRIED + " rooms");
    return watchers;
  }
}
