package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.TestCluster;
import io.arena.server.testing.WsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Recovery time after {@code kill -9}, step by step: from the kill until a survivor sees the victim
 * unreachable, downed and removed (its {@code /admin/cluster}, polled every 50 ms), until each of
 * the victim's rooms starts recovering on a survivor and how long its recovery read takes (the
 * room's "recovered" log line), and until a client on a surviving edge gets the room's first
 * {@code state} frame. A benchmark, not part of the test suite: it measures and reports, it
 * asserts no timing. Each run is a fresh three-node cluster, and the victim rotates so that the
 * oldest node (which also hosts the shard coordinator) dies every third run. Run it with
 * {@code mvn -B -pl server verify -Pfailover-benchmark -Dfailover.runs=5}.
 */
class FailoverBenchmark {
  private static final int NODES = 3;
  private static final int ROOMS_PER_RUN = 3;
  private static final int MAX_ROOMS_TRIED = 40;
  private static final Duration RECOVERY = Duration.ofSeconds(60);
  private static final String[] STEPS = {"unreachable", "downed", "removed", "room starts", "recovery read", "first state"};
  /** GameRoom's line, with logback's time of day: "12:00:01.234 INFO ... Room r recovered at tick 9 with 1 players in 35 ms". */
  private static final Pattern RECOVERED =
      Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .* Room (\\S+) recovered at tick \\d+ with \\d+ players in (\\d+) ms");

  @Test
  void recoveryTimeAfterKill() throws Exception {
    int runs = Integer.getInteger("failover.runs", 5);
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    for (String step : STEPS) {
      samples.put(step, new ArrayList<>());
    }
    StringBuilder report = new StringBuilder("seconds after the kill; per room: room starts / recovery read / first state\n"
        + "run  killed          unreachable  downed  removed  rooms\n");
    for (int run = 0; run < runs; run++) {
      try (TestCluster cluster = TestCluster.start(NODES)) {
        NodeProcess victim = cluster.nodes.get(run % NODES);
        NodeProcess edge = cluster.nodes.get((run + 1) % NODES);
        List<String> rooms = new ArrayList<>();
        List<WsClient> watchers = watchRoomsOwnedBy(cluster, victim, edge, run, rooms);
        for (WsClient watcher : watchers) {
          watcher.latestState();
        }
        long killedAtMillis = System.currentTimeMillis();
        long killedAt = System.nanoTime();
        victim.kill();
        MembershipWatch membership = MembershipWatch.start(edge, victim.address(), killedAt);
        for (WsClient watcher : watchers) {
          watcher.skipReceived();
        }
        List<Double> firstStates = new ArrayList<>();
        for (WsClient watcher : watchers) {
          JsonNode first = watcher.nextState(frame -> true, RECOVERY);
          firstStates.add((first.path(WsClient.RECEIVED_AT).asLong() - killedAt) / 1e9);
          watcher.close();
        }
        double[] seen = membership.await();
        samples.get("unreachable").add(seen[0]);
        samples.get("downed").add(seen[1]);
        samples.get("removed").add(seen[2]);
        StringBuilder perRoom = new StringBuilder();
        for (int i = 0; i < rooms.size(); i++) {
          double[] recovery = recoveryOf(cluster, victim, rooms.get(i), killedAtMillis);
          samples.get("room starts").add(recovery[0]);
          samples.get("recovery read").add(recovery[1]);
          samples.get("first state").add(firstStates.get(i));
          perRoom.append(String.format(Locale.ROOT, "  %.2f / %.3f / %.2f", recovery[0], recovery[1], firstStates.get(i)));
        }
        report.append(String.format(Locale.ROOT, "%-4d %-15s %11.2f %7.2f %8.2f %s%n", run + 1,
            victim.name + (run % NODES == 0 ? " (oldest)" : ""), seen[0], seen[1], seen[2], perRoom));
      }
    }
    for (Map.Entry<String, List<Double>> step : samples.entrySet()) {
      List<Double> values = step.getValue().stream().sorted().toList();
      report.append(String.format(Locale.ROOT, "%-13s p50 %.2f s, max %.2f s (%d samples)%n", step.getKey(),
          values.get(values.size() / 2), values.get(values.size() - 1), values.size()));
    }
    System.out.print(report);
    Files.writeString(Path.of("target", "failover-benchmark.txt"), report);
  }

  /** Joins rooms through {@code edge} until {@code victim} hosts enough of them; one client each. */
  private static List<WsClient> watchRoomsOwnedBy(TestCluster cluster, NodeProcess victim,
      NodeProcess edge, int run, List<String> rooms) throws Exception {
    List<WsClient> watchers = new ArrayList<>();
    for (int i = 0; i < MAX_ROOMS_TRIED && watchers.size() < ROOMS_PER_RUN; i++) {
      String room = "bench-" + run + "-" + i;
      WsClient client = WsClient.connect(edge.httpPort);
      client.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"watcher\"}");
      client.expect("joined");
      if (cluster.ownerOf(room) == victim) {
        watchers.add(client);
        rooms.add(room);
      } else {
        client.close();
      }
    }
    assertFalse(watchers.isEmpty(), victim.name + " hosts none of " + MAX_ROOMS_TRIED + " rooms");
    return watchers;
  }

  /**
   * When {@code room} started recovering on a survivor, in seconds after the kill, and how long its
   * recovery read took, from the survivor's log (whose clock is this machine's).
   */
  private static double[] recoveryOf(TestCluster cluster, NodeProcess victim, String room, long killedAtMillis)
      throws IOException {
    LocalTime killedAt = LocalTime.ofInstant(Instant.ofEpochMilli(killedAtMillis), ZoneId.systemDefault());
    for (NodeProcess node : cluster.nodes) {
      if (node == victim) {
        continue;
      }
      for (String line : Files.readAllLines(node.logFile())) {
        Matcher recovered = RECOVERED.matcher(line);
        if (recovered.find() && recovered.group(2).equals(room)) {
          long at = Duration.between(killedAt, LocalTime.parse(recovered.group(1))).toMillis();
          long read = Long.parseLong(recovered.group(3));
          return new double[] {(at - read) / 1e3, read / 1e3};
        }
      }
    }
    throw new AssertionError("no survivor logged the recovery of " + room);
  }

  /** A survivor's view of the victim, polled every 50 ms: when it turned unreachable, Down, gone. */
  private static final class MembershipWatch {
    private final double[] seen = {Double.NaN, Double.NaN, Double.NaN};
    private final Thread poller;

    private MembershipWatch(NodeProcess observer, String victim, long killedAt) {
      poller = new Thread(() -> {
        while (Double.isNaN(seen[2]) && System.nanoTime() - killedAt < RECOVERY.toNanos()) {
          try {
            JsonNode cluster = WsClient.JSON.readTree(observer.get("/admin/cluster").body());
            double now = (System.nanoTime() - killedAt) / 1e9;
            boolean member = false;
            for (JsonNode m : cluster.path("members")) {
              if (m.path("address").asText().equals(victim)) {
                member = true;
                mark(1, now, "Down".equals(m.path("status").asText()));
              }
            }
            mark(0, now, StreamSupport.stream(cluster.path("unreachable").spliterator(), false)
                .anyMatch(address -> address.asText().equals(victim)));
            mark(2, now, !member);
            Thread.sleep(50);
          } catch (IOException | InterruptedException e) {
            return;
          }
        }
      }, "membership-watch");
      poller.start();
    }

    static MembershipWatch start(NodeProcess observer, String victim, long killedAt) {
      return new MembershipWatch(observer, victim, killedAt);
    }

    private void mark(int step, double now, boolean happened) {
      if (happened && Double.isNaN(seen[step])) {
        seen[step] = now;
      }
    }

    double[] await() throws InterruptedException {
      poller.join(RECOVERY.toMillis());
      return seen.clone();
    }
  }
}
