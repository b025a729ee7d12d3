package io.arena.loadtest;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arena.server.testing.NodeProcess;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tic-tac-toe under load (protocol/README.md section 12.8): players quick-join the game in pairs
 * and play rounds with random legal moves for the whole run. The {@code move} request's response
 * time is the time from a move to the first state that shows it to the mover; the opponent gets
 * the same frame from the same broadcast. A player waits for its turn on a request of its own,
 * {@code turn}, which is not asserted (the last rounds of a run lose their opponents).
 *
 * <pre>mvn -B -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.TicTacToeSimulation \
 *     -Dtargets=ws://127.0.0.1:8080/ws -Dplayers=200 -Dduration=60</pre>
 */
public class TicTacToeSimulation extends Simulation {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A round's 3 s pause and a slow opponent fit well within it. */
  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(10);
  private static final String LATEST = "latest";
  private static final String CELL = "cell";

  private final Optional<NodeProcess> localNode = LoadSettings.startLocalNodeIfAsked();
  private final LoadSettings settings = LoadSettings.fromSystemProperties(localNode);
  private final Play play = new Play(settings);
  /** A mode of the run's own, so that earlier runs' rooms stay out of its way. */
  private final String mode = settings.roomPrefix();

  private final ScenarioBuilder players = scenario("tic-tac-toe")
      .exec(play.arrive(), play.connect("connect"))
      .exitHereIfFailed()
      .exec(play.quickJoin("quick join", "tictactoe", mode))
      .exitHereIfFailed()
      .exec(during(settings.duration()).on(
          exec(ws.processUnmatchedMessages(Play::socket, TicTacToeSimulation::keepLatest))
              .doIfOrElse(TicTacToeSimulation::myTurn).then(move()).orElse(awaitTurn())))
      .exec(play.leave(), play.depart(), play.close());

  {
    System.out.println("TicTacToeSimulation: " + settings + ", mode " + mode);
    setUp(players.injectOpen(rampUsers(settings.players()).during(settings.ramp())))
        .protocols(play.protocol())
        .assertions(
            details("connect").failedRequests().count().is(0L),
            details("quick join").failedRequests().count().is(0L),
            details("move").failedRequests().count().is(0L),
            details("move").responseTime().percentile(99.0).lte(settings.p99Millis()));
  }

  /** A random empty cell of the latest board; the request completes on the state that shows it. */
  private static ChainBuilder move() {
    return exec(session -> session.set(CELL, randomEmptyCell(session))
            .set("seq", session.getLong("seq") + 1))
        .exec(ws("send move").wsName(Play::socket)
            .sendText(session -> "{\"type\":\"input\",\"seq\":" + session.getLong("seq")
                + ",\"cell\":" + session.getInt(CELL) + "}")
            .await(TURN_TIMEOUT).on(ws.checkTextMessage("move")
                .matching(bodyString().transformWithSession(TicTacToeSimulation::showsMoveOrError).is(true))
                .check(bodyString().transform(frame -> frame.startsWith("{\"type\":\"state\"")).is(true),
                    bodyString().saveAs(LATEST))));
  }

  /** A ping, then the first state whose turn is this player's (or the timeout). */
  private static ChainBuilder awaitTurn() {
    return exec(ws("send turn").wsName(Play::socket)
            .sendText("{\"type\":\"ping\",\"t\":0}")
            .await(TURN_TIMEOUT).on(ws.checkTextMessage("turn")
                .matching(bodyString().transformWithSession((frame, session) ->
                    isState(frame) && isTurnOf(read(frame), session.getString("playerId"))).is(true))
                .check(bodyString().saveAs(LATEST))))
        .exec(Session::markAsSucceeded);
  }

  private static Session keepLatest(List<WsInboundMessage> messages, Session session) {
    for (WsInboundMessage message : messages) {
      if (message instanceof WsInboundMessage.Text text && isState(text.message())) {
        session = session.set(LATEST, text.message());
      }
    }
    return session;
  }

  private static boolean myTurn(Session session) {
    return session.contains(LATEST) && isTurnOf(read(session.getString(LATEST)), session.getString("playerId"));
  }

  private static boolean isTurnOf(JsonNode state, String playerId) {
    return playerId.equals(state.path("turn").asText(null));
  }

  private static int randomEmptyCell(Session session) {
    String board = read(session.getString(LATEST)).path("board").asText();
    List<Integer> empty = new ArrayList<>(9);
    for (int cell = 0; cell < board.length(); cell++) {
      if (board.charAt(cell) == '.') {
        empty.add(cell);
      }
    }
    return empty.get(ThreadLocalRandom.current().nextInt(empty.size()));
  }

  /** An error (the move refused), or a state whose board shows the move or whose round moved on. */
  private static boolean showsMoveOrError(String frame, Session session) {
    if (frame.startsWith("{\"type\":\"error\"")) {
      return true;
    }
    if (!isState(frame)) {
      return false;
    }
    JsonNode state = read(frame);
    JsonNode before = read(session.getString(LATEST));
    int cell = session.getInt(CELL);
    return state.path("round").asInt() != before.path("round").asInt()
        || state.path("board").asText().charAt(cell) != '.';
  }

  private static boolean isState(String frame) {
    return frame.startsWith("{\"type\":\"state\"");
  }

  private static JsonNode read(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void after() {
    LoadSettings.stopLocalNode(localNode);
  }
}
