package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.protocol.StateFormat;
import io.arena.server.GameServer;
import io.arena.server.testing.CoinChaser;
import io.arena.server.testing.RawWebSocket;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sockets opened as {@code /ws?state=compact} over real sockets (protocol/README.md section 11):
 * their binary states decode to exactly the JSON states the other players of the room get, from
 * the first frame, through moves, joins, leaves, pickups and a resume; everything else stays JSON.
 */
class CompactStateTest {
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static GameServer node;

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNodes.startOnH2("arena-compact");
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.stop();
  }

  @Test
  void compactStatesDecodeToTheJsonStatesOfTheSameTicksThroughMovesJoinsAndLeaves() throws Exception {
    try (WsClient json = WsClient.connect(node.httpPort());
        WsClient compact = WsClient.connect(node.httpPort(), StateFormat.COMPACT)) {
      String jsonId = json.join("compact-play", "Jay");
      String compactId = compact.join("compact-play", "Zoë 🎉");
      JsonNode first = compact.nextState();
      assertTrue(first.path(WsClient.KEYFRAME).asBoolean(), "a socket's first state is a keyframe");
      json.send("{\"type\":\"input\",\"seq\":1,\"dx\":0.6,\"dy\":-0.8}");
      compact.send("{\"type\":\"input\",\"seq\":1,\"dx\":-1,\"dy\":0.25}");
      json.skipReceived();
      compact.skipReceived();
      WsClient.assertSameStates(json.statesWithin(WINDOW), compact.statesWithin(WINDOW), 30);

      try (WsClient third = WsClient.connect(node.httpPort())) {
        String thirdId = third.join("compact-play", "Third");
        compact.nextState(state -> !WsClient.player(state, thirdId).isMissingNode(), WINDOW);
        third.leaveSeenBy(compact, thirdId);
      }
      json.skipReceived();
      compact.skipReceived();
      Map<Long, JsonNode> seen = compact.statesWithin(WINDOW);
      WsClient.assertSameStates(json.statesWithin(WINDOW), seen, 30);
      JsonNode last = seen.values().stream().reduce((a, b) -> b).orElseThrow();
      assertEquals(2, last.path("players").size(), "the third player is gone for both: " + last);
      assertFalse(WsClient.player(last, jsonId).isMissingNode());
      assertEquals(1, last.path("acks").path(compactId).asLong());
    }
  }

  @Test
  void aCompactClientSeesAPickedUpCoinAndTheScoreExactlyAsJsonDoes() throws Exception {
    try (WsClient json = WsClient.connect(node.httpPort());
        WsClient compact = WsClient.connect(node.httpPort(), StateFormat.COMPACT)) {
      json.join("compact-coins", "Jay");
      String compactId = compact.join("compact-coins", "Zed");
      new CoinChaser(compact, compactId).collectCoin();
      json.skipReceived();
      compact.skipReceived();
      Map<Long, JsonNode> seen = compact.statesWithin(WINDOW);
      WsClient.assertSameStates(json.statesWithin(WINDOW), seen, 30);
      assertTrue(seen.values().stream().allMatch(
          state -> WsClient.player(state, compactId).path("score").asLong() >= 1));
    }
  }

  @Test
  void aResumedCompactClientStartsFromAKeyframeAndDecodesExactly() throws Exception {
    try (WsClient json = WsClient.connect(node.httpPort())) {
      json.join("compact-resume", "Jay");
      String resume;
      String compactId;
      try (WsClient compact = WsClient.connect(node.httpPort(), StateFormat.COMPACT)) {
        compact.send("{\"type\":\"join\",\"room\":\"compact-resume\",\"name\":\"Zed\"}");
        JsonNode joined = compact.expect("joined");
        resume = joined.path("resume").asText();
        compactId = joined.path("playerId").asText();
        compact.send("{\"type\":\"input\",\"seq\":5,\"dx\":1,\"dy\":1}");
        compact.nextState(state -> state.path("acks").path(compactId).asLong() == 5, WINDOW);
      }
      try (WsClient back = WsClient.connect(node.httpPort(), StateFormat.COMPACT)) {
        back.send("{\"type\":\"join\",\"resume\":\"" + resume + "\"}");
        assertEquals(compactId, back.expect("joined").path("playerId").asText());
        JsonNode first = back.nextState();
        assertTrue(first.path(WsClient.KEYFRAME).asBoolean(), "a resumed socket starts from a keyframe");
        assertEquals(5, first.path("acks").path(compactId).asLong());
        back.send("{\"type\":\"input\",\"seq\":6,\"dx\":-1,\"dy\":0}");
        json.skipReceived();
        back.skipReceived();
        WsClient.assertSameStates(json.statesWithin(WINDOW), back.statesWithin(WINDOW), 30);
      }
    }
  }

  @Test
  void aSocketWithAnUnknownStateFormatIsRefusedWithTheFormatsThereAre() throws Exception {
    for (String query : new String[] {"?state=xml", "?state=compact&state=json", "?state="}) {
      RawWebSocket.Refused refused = assertThrows(
          RawWebSocket.Refused.class, () -> RawWebSocket.open(node.httpPort(), 0, "/ws" + query).close());
      assertEquals(400, refused.status, query);
    }
    try (RawWebSocket explicitJson = RawWebSocket.open(node.httpPort(), 0, "/ws?state=json")) {
      explicitJson.sendText("{\"type\":\"join\",\"room\":\"compact-json\",\"name\":\"Jay\"}");
      assertTrue(explicitJson.readText().contains("\"joined\""));
      assertTrue(explicitJson.readText().startsWith("{\"type\":\"state\""), "state=json is the JSON of section 3");
    }
  }
}
