package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.server.testing.CoinChaser;
import io.arena.server.testing.Postgres;
import io.arena.server.testing.TcpProxy;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for 30 s (a proxy in front of it drops every connection and refuses new
 * ones). Rooms keep ticking; a score picked up meanwhile is not shown until it is stored, and is
 * stored once the database is back; nothing restarts or goes back.
 */
class DatabaseOutageTest {
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration CATCH_UP = Duration.ofSeconds(30);
  private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+)(?::(\\d+))?/");

  @Test
  void roomsTickThroughAnOutageAndScoresWaitRatherThanGetLost() throws Exception {
    Postgres.requireRunning();
    String direct = Postgres.freshSchema("outage_test");
    Matcher target = HOST_PORT.matcher(direct);
    assertTrue(target.find(), direct);
    try (TcpProxy database = new TcpProxy(target.group(1),
        target.group(2) == null ? 5432 : Integer.parseInt(target.group(2)))) {
      GameServer server = GameServer.start(
          TestNodes.postgres(target.replaceFirst("//127.0.0.1:" + database.port() + "/")));
      try (WsClient ada = WsClient.connect(server.httpPort());
          WsClient latecomer = WsClient.connect(server.httpPort())) {
        ada.send("{\"type\":\"join\",\"room\":\"outage\",\"name\":\"Ada\"}");
        String me = ada.expect("joined").path("playerId").asText();
        CoinChaser chaser = new CoinChaser(ada, me);
        JsonNode state = chaser.collectCoin();
        long scoreBefore = chaser.scoreIn(state);

        database.cut();
        long outageEnds = System.nanoTime() + OUTAGE.toNanos();
        long tickAtCut = state.path("tick").asLong();
        latecomer.send("{\"type\":\"join\",\"room\":\"outage\",\"name\":\"Late\"}");
        int pickups = 0;
        while (System.nanoTime() < outageEnds) {
          JsonNode next = ada.nextState();
          assertTrue(next.path("tick").asLong() > state.path("tick").asLong(), "the tick never goes back");
          assertEquals(scoreBefore, chaser.scoreIn(next), "no score is shown before it is stored");
          pickups += CoinChaser.coinsTakenBy(state, next, me);
          chaser.steer(next);
          state = next;
        }
        long ticked = state.path("tick").asLong() - tickAtCut;
        assertTrue(ticked >= 20 * OUTAGE.toSeconds() * 8 / 10, "the room kept ticking: " + ticked + " ticks");
        assertTrue(pickups >= 1, "Ada picked up coins while the database was away");
        assertEquals("unavailable", latecomer.expectError(), "a join that cannot be stored is refused");

        database.restore();
        long restoredTick = state.path("tick").asLong();
        chaser.chaseUntil(frame -> chaser.scoreIn(frame) > scoreBefore, CATCH_UP);
        awaitCheckpointAfter(server, "outage", restoredTick);
        latecomer.send("{\"type\":\"join\",\"room\":\"outage\",\"name\":\"Late\"}");
        latecomer.expect("joined");
      } finally {
        server.stop();
      }
    }
  }

  private static void awaitCheckpointAfter(GameServer server, String room, long tick) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (true) {
      HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.adminPort() + "/admin/rooms/" + room)).build(),
          HttpResponse.BodyHandlers.ofString());
      long checkpointTick = WsClient.JSON.readTree(info.body()).path("lastCheckpoint").path("tick").asLong(-1);
      if (checkpointTick > tick) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "no checkpoint after the outage within " + CATCH_UP);
      Thread.sleep(200);
    }
  }
}
