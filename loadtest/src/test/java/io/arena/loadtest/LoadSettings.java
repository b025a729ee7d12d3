package io.arena.loadtest;

import io.arena.protocol.StateFormat;
import io.arena.server.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a run is, from system properties ({@code -Dplayers=1000}); the defaults are the CI smoke run
 * against one local node. Every run is bounded: a fixed number of players for a fixed time.
 */
record LoadSettings(
    List<String> targets,
    int players,
    int playersPerRoom,
    int inputHz,
    Duration duration,
    Duration ramp,
    Duration ackTimeout,
    String roomPrefix,
    int p99Millis,
    StateFormat stateFormat) {

  private static final Duration LOCAL_NODE_STARTUP = Duration.ofSeconds(90);

  /** {@code localNode}, when the run started its own node, is where to find it. */
  static LoadSettings fromSystemProperties(Optional<NodeProcess> localNode) {
    String defaultTarget = localNode.map(NodeProcess::webSocketUrl).orElse("ws://127.0.0.1:8080/ws");
    return new LoadSettings(
        Arrays.stream(property("targets", defaultTarget).split(","))
            .map(String::trim).filter(target -> !target.isEmpty()).toList(),
        Integer.parseInt(property("players", "20")),
        Integer.parseInt(property("playersPerRoom", "8")),
        Integer.parseInt(property("inputHz", "20")),
        Duration.ofSeconds(Long.parseLong(property("duration", "20"))),
        Duration.ofSeconds(Long.parseLong(property("ramp", "5"))),
        Duration.ofMillis(Long.parseLong(property("ackTimeoutMillis", "2000"))),
        // A fresh prefix per run: rooms of earlier runs may still hold their players' places.
        property("roomPrefix", "load-" + UUID.randomUUID().toString().substring(0, 8)),
        Integer.parseInt(property("p99Millis", "100")),
        StateFormat.fromWire(property("state", StateFormat.JSON.wire())).orElseThrow(
            () -> new IllegalArgumentException("-Dstate must be json or compact")));
  }

  /**
   * With {@code -DlocalNode=true} (CI's smoke runs), a node of the run's own: the shaded jar in a
   * JVM of its own on loopback, on free ports, on a fresh embedded store. Its log goes to
   * {@code loadtest/target/local-node/}.
   */
  static Optional<NodeProcess> startLocalNodeIfAsked() {
    if (!Boolean.getBoolean("localNode")) {
      return Optional.empty();
    }
    try {
      Path dir = Files.createDirectories(NodeProcess.projectRoot().resolve("loadtest/target/local-node"));
      Path data = Files.createTempDirectory(dir, "data-");
      NodeProcess node = new NodeProcess("node", NodeProcess.onH2(data), dir);
      node.startAlone(LOCAL_NODE_STARTUP);
      return Optional.of(node);
    } catch (Exception e) {
      throw new IllegalStateException("could not start a local node", e);
    }
  }

  /** Stops the run's own node, if it has one. */
  static void stopLocalNode(Optional<NodeProcess> localNode) {
    localNode.ifPresent(node -> {
      try {
        node.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  Duration inputInterval() {
    return Duration.ofNanos(1_000_000_000L / inputHz);
  }

  /** Player {@code index} (from 0) plays in this room, with its room-mates. */
  String roomOf(long index) {
    return roomPrefix + "-" + index / playersPerRoom;
  }

  /**
   * The edge a room's players use: by room, as the load balancer in docker/ does, so each room
   * costs one cluster message per tick. {@code attempt} moves to the next edge after a failure.
   */
  String targetFor(String room, int attempt) {
    String base = targets.get(Math.floorMod(room.hashCode() + attempt, targets.size()));
    return base + "?room=" + room + "&" + StateFormat.QUERY_PARAMETER + "=" + stateFormat.wire();
  }

  private static String property(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  @Override
  public String toString() {
    return players + " players in rooms of " + playersPerRoom + ", input at " + inputHz + " Hz for "
        + duration.toSeconds() + " s (ramp " + ramp.toSeconds() + " s), " + stateFormat.wire()
        + " states, against " + targets;
  }
}
