package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes in their own JVMs on PostgreSQL, with real WebSocket clients: the node that owns a
 * room dies, and the room goes on on the survivors (CONTRACT section 3).
 */
class FailoverIT {
  private static final int NODES = 3;
  /** One checkpoint interval at the default 1 s and 20 Hz. */
  private static final long CHECKPOINT_TICKS = 20;
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration RECOVERY = Duration.ofSeconds(30);

  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void requirePostgres() {
    Postgres.requireRunning();
  }

  @BeforeEach
  void startCluster() throws Exception {
    // Rooms are remembered across restarts: an empty store keeps earlier runs' rooms out of this one.
    String dbUrl = Postgres.freshSchema("failover_it");
    for (int i = 1; i <= NODES; i++) {
      nodes.add(new NodeProcess("node" + i, dbUrl));
    }
    for (NodeProcess node : nodes) {
      node.start(List.of(nodes.get(0)));
    }
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!(nodes.stream().allMatch(NodeProcess::isReady) && upMembers() == NODES)) {
      assertTrue(System.nanoTime() < deadline, "the cluster did not form within " + STARTUP
          + "; see target/node-logs");
      Thread.sleep(250);
    }
  }

  private int upMembers() throws Exception {
    JsonNode cluster = WsClient.JSON.readTree(nodes.get(0).get("/admin/cluster").body());
    int up = 0;
    for (JsonNode member : cluster.path("members")) {
      up += "Up".equals(member.path("status").asText()) ? 1 : 0;
    }
    return up;
  }

  @AfterEach
  void stopCluster() throws Exception {
    clients.forEach(WsClient::close);
    for (NodeProcess node : nodes) {
      node.close();
    }
  }

  /** A player on one edge, and everything it saw last. */
  private final class Player {
    final NodeProcess edge;
    final WsClient client;
    final String id;
    final String resume;
    long seq;

    Player(NodeProcess edge, String room, String name) throws Exception {
      this.edge = edge;
      this.client = WsClient.connect(edge.httpPort);
      clients.add(client);
      client.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
      JsonNode joined = client.expect("joined");
      this.id = joined.path("playerId").asText();
      this.resume = joined.path("resume").asText();
    }

    void collectCoin() throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      JsonNode state = client.latestState();
      long before = WsClient.player(state, id).path("score").asLong();
      while (WsClient.player(state, id).path("score").asLong() == before) {
        assertTrue(System.nanoTime() < deadline, "no coin picked up within 30 s");
        client.send(CoinChaser.inputFrame(++seq, CoinChaser.direction(state, id)));
        state = client.nextState();
      }
      client.send(CoinChaser.inputFrame(++seq, new double[] {0, 0}));
    }
  }

  private NodeProcess ownerOf(String room) throws Exception {
    NodeProcess anyLive = nodes.stream().filter(NodeProcess::isAlive).findFirst().orElseThrow();
    String owner = WsClient.JSON.readTree(anyLive.get("/admin/rooms/" + room).body())
        .path("node").asText();
    return nodes.stream().filter(node -> node.address().equals(owner)).findFirst()
        .orElseThrow(() -> new AssertionError("no node is " + owner));
  }

  private static Map<String, Long> scores(JsonNode state) {
    Map<String, Long> scores = new HashMap<>();
    state.path("players").forEach(p -> scores.put(p.path("id").asText(), p.path("score").asLong()));
    return scores;
  }

  @Test
  void roomSurvivesKillOfItsNode() throws Exception {
    String room = "failover-" + UUID.randomUUID().toString().substring(0, 8);
    List<Player> players = new ArrayList<>();
    for (NodeProcess node : nodes) {
      players.add(new Player(node, room, "on-" + node.name));
    }
    NodeProcess owner = ownerOf(room);
    Player victim = players.stream().filter(p -> p.edge == owner).findFirst().orElseThrow();
    List<Player> survivors = players.stream().filter(p -> p.edge != owner).toList();
    victim.collectCoin();
    survivors.get(0).collectCoin();

    Map<Player, JsonNode> lastSeen = new HashMap<>();
    for (Player survivor : survivors) {
      lastSeen.put(survivor, survivor.client.latestState());
    }
    long killedAt = System.nanoTime();
    owner.kill();
    survivors.forEach(survivor -> survivor.client.skipReceived());

    for (Player survivor : survivors) {
      // Same socket throughout: a pause in state frames, then frames again.
      JsonNode after = survivor.client.nextState(frame -> true, RECOVERY);
      System.out.printf("%s: first state frame %d ms after kill -9%n", survivor.edge.name,
          (System.nanoTime() - killedAt) / 1_000_000);
      JsonNode before = lastSeen.get(survivor);
      long lastTick = before.path("tick").asLong();
      long firstTick = after.path("tick").asLong();
      assertTrue(firstTick >= lastTick - CHECKPOINT_TICKS,
          "G2: live state went back from tick " + lastTick + " to " + firstTick);
      Map<String, Long> scoresAfter = scores(after);
      scores(before).forEach((id, score) -> assertTrue(scoresAfter.getOrDefault(id, -1L) >= score,
          "G1: player " + id + " had " + score + " before the kill, " + scoresAfter.get(id) + " after"));
      JsonNode next = survivor.client.nextState();
      assertTrue(next.path("tick").asLong() > firstTick, "the recovered room ticks on");
    }

    JsonNode seenBySurvivor = lastSeen.get(survivors.get(0));
    long victimScore = WsClient.player(seenBySurvivor, victim.id).path("score").asLong();
    assertTrue(victimScore >= 1, () -> "the victim's coin shows before the kill: " + seenBySurvivor);
    WsClient back = WsClient.connect(survivors.get(0).edge.httpPort);
    clients.add(back);
    back.send("{\"type\":\"join\",\"resume\":\"" + victim.resume + "\"}");
    assertEquals(victim.id, back.expect("joined").path("playerId").asText(), "G3: same player");
    assertTrue(WsClient.player(back.nextState(), victim.id).path("score").asLong() >= victimScore,
        "G3: the resumed player keeps its score");
    NodeProcess newOwner = ownerOf(room);
    assertTrue(newOwner != owner && newOwner.isReady(), "the room lives on a survivor");
  }
}
