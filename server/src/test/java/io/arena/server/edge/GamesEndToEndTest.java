package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.protocol.StateFormat;
import io.arena.server.GameServer;
import io.arena.server.testing.FaultyGame;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several games on one node over real sockets (protocol/README.md section 12): joins that name a
 * game, inputs checked against each game's fields, moves its rules refuse, a view each player sees
 * alone, and a game that throws.
 */
class GamesEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GameServer node;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNodes.startOnH2("arena-games");
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.stop();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(WsClient::close);
  }

  private WsClient connect(StateFormat format) throws Exception {
    WsClient client = WsClient.connect(node.httpPort(), format);
    clients.add(client);
    return client;
  }

  private WsClient connect() throws Exception {
    return connect(StateFormat.JSON);
  }

  /** Joins with {@code fields} (JSON members after the type); returns the {@code joined} frame. */
  private static JsonNode join(WsClient client, String fields) throws Exception {
    client.send("{\"type\":\"join\"," + fields + "}");
    return client.expect("joined");
  }

  @Test
  void aJoinThatNamesNoGamePlaysTheArenaAndJoinedSaysSo() throws Exception {
    JsonNode joined = join(connect(), "\"room\":\"plain-1\",\"name\":\"Ada\"");
    assertEquals("arena", joined.path("game").asText());
    assertEquals(20, joined.path("tickRate").asInt());
  }

  @Test
  void aGameThisNodeDoesNotHostIsUnknownAndChangesNothing() throws Exception {
    WsClient client = connect();
    client.send("{\"type\":\"join\",\"room\":\"chess-1\",\"name\":\"Ada\",\"game\":\"chess\"}");
    JsonNode error = client.expect("error");
    assertEquals("unknown_game", error.path("code").asText());
    assertTrue(error.path("message").asText().contains("tictactoe"), "it lists the games it has");
    assertEquals("arena", join(client, "\"room\":\"chess-1\",\"name\":\"Ada\"").path("game").asText(),
        "the socket joins on, and the room was not made a chess room");
  }

  @Test
  void aJoinByRoomNamingAnotherGameIsWrongGameAndOneNamingNoneEntersWhateverItsGame() throws Exception {
    assertEquals("tictactoe",
        join(connect(), "\"room\":\"board-1\",\"name\":\"Ada\",\"game\":\"tictactoe\"").path("game").asText());
    WsClient wrong = connect();
    wrong.send("{\"type\":\"join\",\"room\":\"board-1\",\"name\":\"Bob\",\"game\":\"rps\"}");
    JsonNode error = wrong.expect("error");
    assertEquals("wrong_game", error.path("code").asText());
    assertEquals("room board-1 plays tictactoe, not rps", error.path("message").asText());
    JsonNode joined = join(connect(), "\"room\":\"board-1\",\"name\":\"Cy\"");
    assertEquals("tictactoe", joined.path("game").asText(), "a shared room link works whatever its game");
    assertEquals(0, joined.path("tickRate").asInt(), "a turn-based game has no tick");
  }

  @Test
  void ticTacToeChecksTheCellThenTheRulesAndBothPlayersSeeTheMove() throws Exception {
    WsClient ada = connect();
    WsClient bob = connect(StateFormat.COMPACT);
    String adaId = join(ada, "\"room\":\"board-2\",\"name\":\"Ada\",\"game\":\"tictactoe\"").path("playerId").asText();
    String bobId = join(bob, "\"room\":\"board-2\",\"name\":\"Bob\"").path("playerId").asText();
    JsonNode started = ada.nextState(state -> state.path("round").asInt() == 1, WAIT);
    assertEquals(adaId, started.path("turn").asText(), "the first seated plays X, and X moves first");
    assertEquals(".........", started.path("board").asText());

    bob.send("{\"type\":\"input\",\"seq\":1,\"cell\":4}");
    JsonNode notYours = bob.expect("error");
    assertEquals("bad_move", notYours.path("code").asText());
    ada.send("{\"type\":\"input\",\"seq\":1,\"cell\":9}");
    JsonNode outOfRange = ada.expect("error");
    assertEquals("bad_message", outOfRange.path("code").asText());
    assertEquals("field 'cell' must be between 0 and 8", outOfRange.path("message").asText());
    ada.send("{\"type\":\"input\",\"seq\":2}");
    assertEquals("field 'cell' must be an integer", ada.expect("error").path("message").asText());

    ada.send("{\"type\":\"input\",\"seq\":3,\"cell\":4}");
    JsonNode seenByBob = bob.nextState(state -> state.path("board").asText().equals("....X...."), WAIT);
    assertEquals(bobId, seenByBob.path("turn").asText());
    assertEquals(3, seenByBob.path("acks").path(adaId).asLong(), "the move's ack shows with the move");
    JsonNode seenByAda = ada.nextState(state -> state.path("board").asText().equals("....X...."), WAIT);
    assertEquals(seenByBob.path("tick").asLong(), seenByAda.path("tick").asLong());
    bob.send("{\"type\":\"input\",\"seq\":2,\"cell\":4}");
    assertEquals("bad_move", bob.expectError(), "a taken cell");
  }

  @Test
  void aTicTacToeWinShowsWithItsResultAndTheNextRoundStartsThreeSecondsLater() throws Exception {
    WsClient ada = connect();
    WsClient bob = connect();
    String adaId = join(ada, "\"name\":\"Ada\",\"game\":\"tictactoe\",\"mode\":\"timer\"").path("playerId").asText();
    join(bob, "\"name\":\"Bob\",\"game\":\"tictactoe\",\"mode\":\"timer\"");
    ada.nextState(state -> state.path("round").asInt() == 1, WAIT);
    int[] cells = {0, 3, 1, 4, 2}; // X takes the top row
    JsonNode won = null;
    for (int move = 0; move < cells.length; move++) {
      WsClient mover = move % 2 == 0 ? ada : bob;
      mover.send("{\"type\":\"input\",\"seq\":" + (move / 2 + 1) + ",\"cell\":" + cells[move] + "}");
      int placed = move + 1;
      won = bob.nextState(state -> state.path("board").asText().chars().filter(c -> c != '.').count() == placed, WAIT);
    }
    long wonAt = System.nanoTime();
    assertEquals("X", won.path("result").asText(), "the winning move's frame shows the result");
    assertTrue(won.path("turn").isNull());
    JsonNode next = bob.nextState(state -> state.path("round").asInt() == 2, WAIT);
    long waitedMillis = (System.nanoTime() - wonAt) / 1_000_000;
    assertTrue(waitedMillis >= 2_500, "the next round waited 3 s, not " + waitedMillis + " ms");
    assertEquals(".........", next.path("board").asText());
    assertFalse(adaId.equals(next.path("turn").asText()), "the marks swapped: Bob is X and starts");
  }

  @Test
  void rockPaperScissorsPicksStayOutOfTheOpponentsFramesUntilBothPicked() throws Exception {
    WsClient ada = connect();
    WsClient bob = connect();
    String adaId = join(ada, "\"name\":\"Ada\",\"game\":\"rps\",\"mode\":\"hidden\"").path("playerId").asText();
    String bobId = join(bob, "\"name\":\"Bob\",\"game\":\"rps\",\"mode\":\"hidden\"").path("playerId").asText();
    bob.nextState(state -> state.path("round").asInt() == 1, WAIT);

    ada.send("{\"type\":\"input\",\"seq\":1,\"pick\":\"lizard\"}");
    assertEquals("field 'pick' must be one of rock, paper, scissors", ada.expect("error").path("message").asText());
    ada.send("{\"type\":\"input\",\"seq\":2,\"pick\":\"rock\"}");
    JsonNode mine = ada.nextState(state -> state.path("you").path("pick").asText().equals("rock"), WAIT);
    assertEquals(adaId, mine.path("players").path(0).path("id").asText());
    JsonNode theirs = bob.nextState(state -> picked(state, adaId), WAIT);
    assertFalse(theirs.toString().contains("rock"), () -> "Bob saw Ada's pick: " + theirs);
    assertTrue(theirs.path("you").path("pick").isNull());

    ada.send("{\"type\":\"input\",\"seq\":3,\"pick\":\"paper\"}");
    assertEquals("bad_move", ada.expectError(), "one pick a round");
    bob.send("{\"type\":\"input\",\"seq\":1,\"pick\":\"paper\"}");
    JsonNode result = bob.nextState(state -> state.path("last").path("round").asInt() == 1, WAIT);
    assertEquals("rock", result.path("last").path("picks").path(adaId).asText());
    assertEquals("paper", result.path("last").path("picks").path(bobId).asText());
    assertEquals(bobId, result.path("last").path("winner").asText());
  }

  private static boolean picked(JsonNode state, String playerId) {
    for (JsonNode player : state.path("players")) {
      if (player.path("id").asText().equals(playerId)) {
        return player.path("picked").asBoolean();
      }
    }
    return false;
  }

  @Test
  void aHookThatThrowsRefusesItsInputIsCountedAndTheRoomGoesOn() throws Exception {
    WsClient client = connect();
    join(client, "\"room\":\"faulty-1\",\"name\":\"Ada\",\"game\":\"" + FaultyGame.ID + "\"");
    double before = failures("onInput");
    client.send("{\"type\":\"input\",\"seq\":1,\"fail\":\"input\"}");
    JsonNode refused = client.expect("error");
    assertEquals("bad_move", refused.path("code").asText());
    assertEquals("the game could not take this input", refused.path("message").asText());
    assertEquals(before + 1, failures("onInput"));
    client.send("{\"type\":\"input\",\"seq\":2,\"fail\":\"none\"}");
    JsonNode scored = client.nextState(state -> state.path("points").asLong() == 1, WAIT);
    assertEquals(2, scored.path("acks").elements().next().asLong(),
        "the next input counts, and what the failed one recorded was dropped");
  }

  @Test
  void aRoomWhoseTickKeepsThrowingStopsAndComesBackFromTheStore() throws Exception {
    WsClient client = connect();
    join(client, "\"room\":\"faulty-2\",\"name\":\"Ada\",\"game\":\"" + FaultyGame.ID + "\"");
    client.send("{\"type\":\"input\",\"seq\":1,\"fail\":\"none\"}");
    client.nextState(state -> state.path("points").asLong() == 1, WAIT);
    double before = failures("onTick");
    client.send("{\"type\":\"input\",\"seq\":2,\"fail\":\"tick\"}");
    // The room stops after 20 failed ticks; the session rejoins it and it recovers, healthy.
    JsonNode back = client.nextState(state -> state.path("ticks").asLong() > 0
        && failures("onTick") >= before + 20, Duration.ofSeconds(20));
    assertTrue(back.path("points").asLong() >= 1, "what was stored came back: " + back);
    long ticks = back.path("ticks").asLong();
    assertTrue(client.nextState(state -> state.path("ticks").asLong() > ticks, WAIT) != null);
  }

  /** {@code game_hook_failures_total} of the faulty game's {@code hook}, from /metrics. */
  private static double failures(String hook) {
    try {
      String metrics = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + node.adminPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher line = Pattern.compile("game_hook_failures_total\\{game=\"" + FaultyGame.ID
          + "\",hook=\"" + hook + "\"} (\\S+)").matcher(metrics);
      return line.find() ? Double.parseDouble(line.group(1)) : 0;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
