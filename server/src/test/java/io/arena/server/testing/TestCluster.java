package io.arena.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Nodes in their own JVMs on loopback, on an empty PostgreSQL schema, formed into one cluster. */
public final class TestCluster implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(150);
  private static final AtomicInteger CLUSTERS_STARTED = new AtomicInteger();

  public final List<NodeProcess> nodes = new ArrayList<>();

  /** Starts {@code size} nodes (node1 is the seed) and waits until all are Up members. */
  public static TestCluster start(int size) throws Exception {
    return start(size, "cluster_it");
  }

  /** As {@link #start(int)}, on the PostgreSQL schema {@code schema}, emptied first. */
  public static TestCluster start(int size, String schema) throws Exception {
    Postgres.requireRunning();
    // Rooms are stored across restarts: an empty store keeps earlier runs' rooms out.
    return start(size, NodeProcess.onPostgres(Postgres.freshSchema(schema)));
  }

  /** As {@link #start(int)}, every node with {@code store}'s variables (NodeProcess.onPostgres). */
  public static TestCluster start(int size, Map<String, String> store) throws Exception {
    TestCluster cluster = new TestCluster();
    // One folder per cluster, so a later test does not overwrite an earlier failure's evidence.
    Path logDir = Path.of("target", "node-logs", "cluster-" + CLUSTERS_STARTED.incrementAndGet());
    for (int i = 1; i <= size; i++) {
      cluster.nodes.add(new NodeProcess("node" + i, store, logDir));
    }
    for (NodeProcess node : cluster.nodes) {
      node.start(List.of(cluster.nodes.get(0)));
    }
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!(cluster.nodes.stream().allMatch(NodeProcess::isReady) && cluster.upMembers() == size)) {
      boolean nodeDied = !cluster.nodes.stream().allMatch(NodeProcess::isAlive);
      if (nodeDied || System.nanoTime() > deadline) {
        String statuses = String.join(", ", cluster.nodes.stream().map(NodeProcess::status).toList());
        String reports = String.join("\n", cluster.nodes.stream().map(NodeProcess::report).toList());
        cluster.close();
        throw new AssertionError("the cluster did not form" + (nodeDied ? "" : " within " + STARTUP)
            + " (" + statuses + ")\n" + reports);
      }
      Thread.sleep(250);
    }
    return cluster;
  }

  private int upMembers() throws Exception {
    JsonNode cluster = WsClient.JSON.readTree(nodes.get(0).get("/admin/cluster").body());
    int up = 0;
    for (JsonNode member : cluster.path("members")) {
      up += "Up".equals(member.path("status").asText()) ? 1 : 0;
    }
    return up;
  }

  /** The node that hosts {@code room}, as the operator API of any live node says. */
  public NodeProcess ownerOf(String room) throws Exception {
    NodeProcess anyLive = nodes.stream().filter(NodeProcess::isAlive).findFirst().orElseThrow();
    String owner = WsClient.JSON.readTree(anyLive.get("/admin/rooms/" + room).body())
        .path("node").asText();
    return nodes.stream().filter(node -> node.address().equals(owner)).findFirst()
        .orElseThrow(() -> new AssertionError("no node is " + owner));
  }

  @Override
  public void close() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.close();
    }
  }
}
