package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.RawWebSocket;
import io.arena.server.testing.TestCluster;
import io.arena.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Matchmaking across a cluster (protocol/README.md section 10): three nodes from the jar on
 * PostgreSQL, 100 quick joins at once through all three edges, the list every edge serves, and a
 * node killed under it.
 */
class MatchmakingIT {
  private static final int NODES = 3;
  private static final int PLAYERS = 100;
  /** game.room-capacity's default. */
  private static final int CAPACITY = 16;
  /** The list reflects a change anywhere within 2 s (section 10). */
  private static final Duration LIST_SETTLES = Duration.ofSeconds(2);
  private static final Duration RECOVERY = Duration.ofSeconds(45);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * The players' sockets: raw, so that this JVM never reads the state frames it does not need
   * (100 parsed streams would not fit its heap); the server treats them as slow clients.
   */
  private final List<RawWebSocket> players = new ArrayList<>();
  private TestCluster cluster;

  @AfterEach
  void stopCluster() throws Exception {
    for (RawWebSocket player : players) {
      player.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The list {@code edge} serves, as room -> players. */
  private static Map<String, Integer> listOn(NodeProcess edge) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + edge.httpPort + "/rooms?limit=1000")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Integer> rooms = new TreeMap<>();
    for (JsonNode room : WsClient.JSON.readTree(response.body()).path("rooms")) {
      rooms.put(room.path("room").asText(), room.path("players").asInt());
    }
    return rooms;
  }

  private boolean everyLiveEdgeLists(Map<String, Integer> expected) throws Exception {
    for (NodeProcess node : cluster.nodes) {
      if (node.isAlive() && !listOn(node).equals(expected)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void quickJoinsAcrossEdgesFillRoomsWithinCapacityAndTheListSurvivesACrash() throws Exception {
    cluster = TestCluster.start(NODES);
    for (int player = 0; player < PLAYERS; player++) {
      players.add(RawWebSocket.open(cluster.nodes.get(player % NODES).httpPort, 0));
    }
    for (int player = 0; player < PLAYERS; player++) {
      players.get(player).sendText("{\"type\":\"join\",\"name\":\"p" + player + "\",\"mode\":\"ffa\"}");
    }
    Map<String, Integer> seated = new TreeMap<>();
    for (RawWebSocket player : players) {
      // The first frame after a join is its answer: state frames come only once it is in.
      JsonNode joined = WsClient.JSON.readTree(player.readText());
      assertEquals("joined", joined.path("type").asText(), joined::toString);
      seated.merge(joined.path("room").asText(), 1, Integer::sum);
    }
    long allSeated = System.nanoTime();
    int needed = (PLAYERS + CAPACITY - 1) / CAPACITY;
    assertTrue(seated.values().stream().allMatch(players -> players <= CAPACITY), "over capacity: " + seated);
    assertTrue(seated.size() <= needed + NODES,
        seated.size() + " rooms for " + PLAYERS + " players, at most " + (needed + NODES) + ": " + seated);

    while (!everyLiveEdgeLists(seated) && System.nanoTime() - allSeated < LIST_SETTLES.toNanos()) {
      Thread.sleep(50);
    }
    Duration settled = Duration.ofNanos(System.nanoTime() - allSeated);
    for (NodeProcess node : cluster.nodes) {
      assertEquals(seated, listOn(node), node + " lists every room with its players, "
          + settled.toMillis() + " ms after the last join");
    }

    System.out.printf("MatchmakingIT: %d players in %d rooms %s; every edge listed them %d ms after the last join%n",
        PLAYERS, seated.size(), seated.values(), settled.toMillis());

    // kill -9 of a node that hosts rooms: they leave the list, and come back with their players.
    Map<NodeProcess, Set<String>> roomsByNode = new HashMap<>();
    for (String room : seated.keySet()) {
      roomsByNode.computeIfAbsent(cluster.ownerOf(room), node -> new HashSet<>()).add(room);
    }
    NodeProcess victim = roomsByNode.keySet().iterator().next();
    Set<String> victimRooms = roomsByNode.get(victim);
    long killedAt = System.nanoTime();
    victim.kill();
    Set<String> seenGone = new HashSet<>();
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    NodeProcess survivor = cluster.nodes.stream().filter(NodeProcess::isAlive).findFirst().orElseThrow();
    Map<String, Integer> listed = listOn(survivor);
    while (!(seenGone.containsAll(victimRooms) && everyLiveEdgeLists(seated)) && System.nanoTime() < deadline) {
      for (String room : victimRooms) {
        if (!listed.containsKey(room)) {
          seenGone.add(room);
        }
      }
      Thread.sleep(50);
      listed = listOn(survivor);
    }
    System.out.printf("MatchmakingIT: %s's %d rooms left the list and were back on every survivor %d ms after kill -9%n",
        victim, victimRooms.size(), Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
    assertEquals(victimRooms, seenGone, "the dead node's rooms left the list");
    assertFalse(victimRooms.isEmpty());
    for (NodeProcess node : cluster.nodes) {
      if (node.isAlive()) {
        assertEquals(seated, listOn(node), node + " lists the recovered rooms with their players again");
      }
    }
  }
}
