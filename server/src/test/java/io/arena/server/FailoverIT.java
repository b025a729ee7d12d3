package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.protocol.StateFormat;
import io.arena.server.testing.CoinChaser;
import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.TestCluster;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes in their own JVMs on PostgreSQL, with real WebSocket clients: the node that owns a
 * room dies, and the room goes on on the survivors (protocol/README.md section 6, G1-G3). On each
 * node a second player reads compact states (section 11), which must decode to exactly the JSON
 * states through the failover, and the victim resumes on a compact socket.
 */
class FailoverIT {
  private static final int NODES = 3;
  private static final Duration RECOVERY = Duration.ofSeconds(30);

  private final List<WsClient> clients = new ArrayList<>();
  private TestCluster cluster;

  @BeforeEach
  void startCluster() throws Exception {
    cluster = TestCluster.start(NODES);
  }

  @AfterEach
  void stopCluster() throws Exception {
    clients.forEach(WsClient::close);
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A player on one edge, and everything it saw last. */
  private final class Player {
    final NodeProcess edge;
    final WsClient client;
    final String id;
    final String resume;

    Player(NodeProcess edge, String room, String name, StateFormat format) throws Exception {
      this.edge = edge;
      this.client = WsClient.connect(edge.httpPort, format);
      clients.add(client);
      client.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
      JsonNode joined = client.expect("joined");
      this.id = joined.path("playerId").asText();
      this.resume = joined.path("resume").asText();
    }

    void collectCoin() throws Exception {
      CoinChaser chaser = new CoinChaser(client, id);
      chaser.collectCoin();
      chaser.standStill();
    }
  }

  private static Map<String, Long> scores(JsonNode state) {
    Map<String, Long> scores = new HashMap<>();
    state.path("players").forEach(p -> scores.put(p.path("id").asText(), p.path("score").asLong()));
    return scores;
  }

  /** A room with a player on every edge, two of whom have scored, seen just before a node goes. */
  private final class Scene {
    final NodeProcess owner;
    final Player victim;
    final List<Player> survivors;
    /** A player on each node that reads compact states. */
    final List<Player> compactReaders = new ArrayList<>();
    /** Past the last tick any compact reader decoded before the owner went: the room's new run. */
    long ticksAfterFailover = Long.MIN_VALUE;
    final Map<Player, JsonNode> lastSeen = new HashMap<>();

    Scene() throws Exception {
      String room = "failover-" + UUID.randomUUID().toString().substring(0, 8);
      List<Player> players = new ArrayList<>();
      for (NodeProcess node : cluster.nodes) {
        players.add(new Player(node, room, "on-" + node.name, StateFormat.JSON));
        compactReaders.add(new Player(node, room, "compact-on-" + node.name, StateFormat.COMPACT));
      }
      owner = cluster.ownerOf(room);
      victim = players.stream().filter(p -> p.edge == owner).findFirst().orElseThrow();
      survivors = players.stream().filter(p -> p.edge != owner).toList();
      victim.collectCoin();
      survivors.get(0).collectCoin();
      for (Player survivor : survivors) {
        lastSeen.put(survivor, survivor.client.latestState());
      }
      long victimScore = WsClient.player(lastSeen.get(survivors.get(0)), victim.id).path("score").asLong();
      assertTrue(victimScore >= 1, "the victim's coin shows before its node goes");
    }

    /** After the owner went: each survivor's socket gets state frames again; returns the first. */
    Map<Player, JsonNode> firstFramesAfter(long sinceNanos, String how) throws Exception {
      Map<Player, JsonNode> first = new HashMap<>();
      for (Player survivor : survivors) {
        JsonNode after = survivor.client.nextState(frame -> true, RECOVERY);
        System.out.printf("%s: first state frame %d ms after %s%n", survivor.edge.name,
            (System.nanoTime() - sinceNanos) / 1_000_000, how);
        Map<String, Long> scoresAfter = scores(after);
        scores(lastSeen.get(survivor)).forEach((id, score) ->
            assertTrue(scoresAfter.getOrDefault(id, -1L) >= score, "G1: player " + id + " had "
                + score + " before, " + scoresAfter.get(id) + " after"));
        JsonNode next = survivor.client.nextState();
        assertTrue(next.path("tick").asLong() > after.path("tick").asLong(), "the room ticks on");
        first.put(survivor, after);
      }
      compactReadersSeeTheJsonStates();
      return first;
    }

    /** The owner is going: what every player saw so far is of the room's old run. */
    void ownerGoes() throws Exception {
      survivors.forEach(survivor -> survivor.client.skipReceived());
      for (Player reader : compactReaders) {
        NavigableMap<Long, JsonNode> before = reader.client.statesWithin(Duration.ZERO);
        if (!before.isEmpty()) {
          // A few ticks of margin for a last frame of the old run still on its way.
          ticksAfterFailover = Math.max(ticksAfterFailover, before.lastKey() + 5);
        }
      }
    }

    /**
     * The compact readers on the survivors decoded every state they got, across the failover, and
     * the states of the room's new run are exactly the JSON ones. (Each session re-attaches on its
     * own 500 ms beat, so a reader may start up to a second after the JSON player: a measured run
     * had 18 ticks in common in the 2 s window.)
     */
    void compactReadersSeeTheJsonStates() throws Exception {
      Map<Long, JsonNode> json = survivors.get(0).client.statesWithin(Duration.ofSeconds(3));
      for (Player reader : compactReaders) {
        if (reader.edge != owner) {
          WsClient.assertSameStates(json, reader.client.statesWithin(Duration.ofMillis(500))
              .tailMap(ticksAfterFailover, false), 10);
        }
      }
    }

    /** G3: the player of the edge that went comes back through another edge, with its score. */
    void victimResumesThroughASurvivor() throws Exception {
      long score = WsClient.player(lastSeen.get(survivors.get(0)), victim.id).path("score").asLong();
      WsClient back = WsClient.connect(survivors.get(0).edge.httpPort, StateFormat.COMPACT);
      clients.add(back);
      back.send("{\"type\":\"join\",\"resume\":\"" + victim.resume + "\"}");
      assertEquals(victim.id, back.expect("joined").path("playerId").asText(), "G3: same player");
      assertTrue(WsClient.player(back.nextState(), victim.id).path("score").asLong() >= score,
          "G3: the resumed player keeps its score");
    }
  }

  @Test
  void roomSurvivesKillOfItsNode() throws Exception {
    Scene scene = new Scene();
    long killedAt = System.nanoTime();
    scene.owner.kill();
    scene.ownerGoes();

    Map<Player, JsonNode> first = scene.firstFramesAfter(killedAt, "kill -9");
    for (Player survivor : scene.survivors) {
      long lastTick = scene.lastSeen.get(survivor).path("tick").asLong();
      long firstTick = first.get(survivor).path("tick").asLong();
      assertTrue(firstTick >= lastTick - TestNodes.CHECKPOINT_TICKS,
          "G2: live state went back from tick " + lastTick + " to " + firstTick);
    }
    scene.victimResumesThroughASurvivor();
    NodeProcess newOwner = cluster.ownerOf(roomOf(first));
    assertTrue(newOwner != scene.owner && newOwner.isReady(), "the room lives on a survivor");
  }

  @Test
  void gracefulStopHandsTheRoomOverWithNothingGoingBack() throws Exception {
    Scene scene = new Scene();
    scene.ownerGoes();
    long stoppedAt = System.nanoTime();
    // 143 = 128 + SIGTERM: how the JVM exits on SIGTERM once its shutdown hooks (coordinated
    // shutdown) have run; anything else means the node crashed on the way down.
    assertEquals(143, scene.owner.terminate(), "SIGTERM ends the node through its shutdown hooks");
    JsonNode closed = scene.victim.client.awaitClose(RECOVERY);
    assertEquals(1012, closed.path("code").asInt(), () -> "the stopped edge closed with " + closed);

    Map<Player, JsonNode> first = scene.firstFramesAfter(stoppedAt, "SIGTERM");
    for (Player survivor : scene.survivors) {
      JsonNode before = scene.lastSeen.get(survivor);
      JsonNode after = first.get(survivor);
      assertTrue(after.path("tick").asLong() > before.path("tick").asLong(),
          "G2: nothing goes back on a graceful stop, yet tick " + before.path("tick") + " became "
              + after.path("tick"));
      // Everyone stands still by now, so every position must be exactly where it was.
      for (JsonNode player : before.path("players")) {
        JsonNode now = WsClient.player(after, player.path("id").asText());
        assertEquals(player.path("x").asDouble(), now.path("x").asDouble(), 0.011);
        assertEquals(player.path("y").asDouble(), now.path("y").asDouble(), 0.011);
      }
    }
    scene.victimResumesThroughASurvivor();
  }

  private static String roomOf(Map<Player, JsonNode> frames) {
    return frames.values().iterator().next().path("room").asText();
  }
}
