package io.arena.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A player that collected a coin and then stood still, as it saw itself just before its node went
 * away; and what it finds when it resumes on the node that took over (or the same one, restarted).
 */
public record ScoredPlayer(String playerId, String resume, long tick, long score, double x, double y) {

  /** The player back: the tick its {@code joined} named, and itself in the first state frame. */
  public record Back(long joinedTick, JsonNode player) {}

  /** Joins {@code room} on the edge at {@code httpPort}, collects a coin, stops, and disconnects. */
  public static ScoredPlayer afterScoring(int httpPort, String room) throws Exception {
    try (WsClient client = WsClient.connect(httpPort)) {
      client.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"Ada\"}");
      JsonNode joined = client.expect("joined");
      String me = joined.path("playerId").asText();
      CoinChaser chaser = new CoinChaser(client, me);
      chaser.collectCoin();
      // Standing still, the position a restart brings back is exactly the last one seen.
      chaser.standStill();
      JsonNode state = client.nextState();
      JsonNode player = WsClient.player(state, me);
      return new ScoredPlayer(me, joined.path("resume").asText(), state.path("tick").asLong(),
          player.path("score").asLong(), player.path("x").asDouble(), player.path("y").asDouble());
    }
  }

  public Back resumeOn(int httpPort) throws Exception {
    try (WsClient client = WsClient.connect(httpPort)) {
      client.send("{\"type\":\"join\",\"resume\":\"" + resume + "\"}");
      JsonNode joined = client.expect("joined");
      assertEquals(playerId, joined.path("playerId").asText());
      return new Back(joined.path("tick").asLong(), WsClient.player(client.nextState(), playerId));
    }
  }

  /** G2 after a graceful stop: the tick did not go back, and score and position are as seen. */
  public void assertNothingWentBack(Back back) {
    assertTrue(back.joinedTick() >= tick, () -> "tick went back from " + tick + " to " + back.joinedTick());
    assertEquals(score, back.player().path("score").asLong(), "score");
    assertEquals(x, back.player().path("x").asDouble(), 0.011, "x");
    assertEquals(y, back.player().path("y").asDouble(), 0.011, "y");
  }
}
