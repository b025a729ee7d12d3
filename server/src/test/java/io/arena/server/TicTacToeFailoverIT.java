package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.TestCluster;
import io.arena.server.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A turn-based game across JVMs on PostgreSQL (protocol/README.md section 12): the node that owns
 * a tic-tac-toe room mid-round dies with kill -9, and the room comes back on a survivor exactly as
 * its players last saw it (board, turn, round, marks and wins), because every move is a stored fact.
 */
class TicTacToeFailoverIT {
  private static final Duration RECOVERY = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<WsClient> clients = new ArrayList<>();
  private TestCluster cluster;

  @BeforeEach
  void startCluster() throws Exception {
    cluster = TestCluster.start(3, "tictactoe_it");
  }

  @AfterEach
  void stopCluster() throws Exception {
    clients.forEach(WsClient::close);
    if (cluster != null) {
      cluster.close();
    }
  }

  private WsClient connect(NodeProcess node) throws Exception {
    WsClient client = WsClient.connect(node.httpPort);
    clients.add(client);
    return client;
  }

  /** What a kill must not change: everything but the tick, the acks and who is connected. */
  private static String game(JsonNode state) {
    StringBuilder players = new StringBuilder();
    state.path("players").forEach(player -> players.append(player.path("id").asText()).append(':')
        .append(player.path("mark").asText()).append(':').append(player.path("wins").asLong()).append(' '));
    return "round " + state.path("round") + ", board " + state.path("board") + ", turn "
        + state.path("turn") + ", result " + state.path("result") + ", players " + players;
  }

  private static JsonNode move(WsClient player, long seq, int cell, WsClient observer, String board)
      throws Exception {
    player.send("{\"type\":\"input\",\"seq\":" + seq + ",\"cell\":" + cell + "}");
    return observer.nextState(state -> state.path("board").asText().equals(board), WAIT);
  }

  @Test
  void aRoundComesBackExactlyAsPlayersLastSawItAfterAKillOfItsNode() throws Exception {
    String room = "ttt-" + UUID.randomUUID().toString().substring(0, 8);
    WsClient ada = connect(cluster.nodes.get(0));
    ada.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"Ada\",\"game\":\"tictactoe\"}");
    JsonNode adaJoined = ada.expect("joined");
    NodeProcess owner = cluster.ownerOf(room);
    if (cluster.nodes.get(0) != owner) {
      // Ada plays on the edge of the room's node, which dies with it; Bob on a survivor's: both
      // ways back are taken every run (a resume elsewhere, and a session that re-attaches).
      ada.close();
      ada = connect(owner);
      ada.send("{\"type\":\"join\",\"resume\":\"" + adaJoined.path("resume").asText() + "\"}");
      ada.expect("joined");
    }
    NodeProcess bobsEdge = cluster.nodes.stream().filter(node -> node != owner).findFirst().orElseThrow();
    WsClient bob = connect(bobsEdge);
    bob.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"Bob\"}");
    bob.expect("joined");
    bob.nextState(state -> state.path("round").asInt() == 1, WAIT);

    move(ada, 1, 0, bob, "X........");
    move(bob, 1, 4, bob, "X...O....");
    JsonNode before = move(ada, 2, 8, bob, "X...O...X");
    // What Bob saw before the kill is behind him: his next state is of the room's new run.
    bob.skipReceived();

    owner.kill();
    JsonNode after = bob.nextState(state -> true, RECOVERY);
    assertEquals(game(before), game(after), "the round came back as Bob last saw it");

    // Ada's edge died with the room: she resumes through Bob's.
    ada = connect(bobsEdge);
    ada.send("{\"type\":\"join\",\"resume\":\"" + adaJoined.path("resume").asText() + "\"}");
    ada.expect("joined");
    JsonNode seenByAda = ada.nextState(state -> true, RECOVERY);
    assertEquals(game(before), game(seenByAda), "and as Ada saw it");
    assertEquals(2, seenByAda.path("acks").path(adaJoined.path("playerId").asText()).asLong(),
        "acks never go back");

    JsonNode played = move(bob, 2, 2, ada, "X.O.O...X");
    assertEquals(adaJoined.path("playerId").asText(), played.path("turn").asText(), "the round goes on");
    assertNotSame(owner, cluster.ownerOf(room));
  }
}
