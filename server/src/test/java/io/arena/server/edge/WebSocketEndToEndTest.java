package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.server.GameServer;
import io.arena.server.testing.CoinChaser;
import io.arena.server.testing.RawWebSocket;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Game clients on real sockets against a real node (embedded store), by the wire protocol (protocol/README.md) alone. */
class WebSocketEndToEndTest {
  private static final int CAPACITY = 4;
  /** Departed players a room remembers: small, so one test reaches it. */
  private static final int DEPARTED_KEPT = 1;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GameServer server;

  /** One of each kind of bad frame the contract lists, each answered with bad_message. */
  private static final List<String> BAD_FRAMES = List.of(
      "{not json",
      "[1,2]",
      "{\"type\":\"fly\"}",
      "{\"type\":7}",
      "{\"type\":\"join\",\"room\":5,\"name\":\"a\"}",
      "{\"type\":\"join\",\"room\":\"bad room!\",\"name\":\"a\"}",
      "{\"type\":\"join\",\"room\":\"r\",\"name\":\"" + "n".repeat(25) + "\"}",
      "{\"type\":\"join\",\"room\":\"r\",\"name\":\"tab\\there\"}",
      "{\"type\":\"input\",\"seq\":1,\"dx\":3,\"dy\":0}",
      "{\"type\":\"input\",\"seq\":\"one\",\"dx\":0,\"dy\":0}",
      "{\"type\":\"chat\",\"text\":\"\"}",
      "{\"type\":\"ping\",\"t\":\"now\"}",
      "{\"type\":\"leave\",\"pad\":\"" + "x".repeat(5000) + "\"}");

  @BeforeAll
  static void startNode() throws Exception {
    server = TestNodes.startOnH2("arena-e2e",
        "game.room-capacity = " + CAPACITY, "game.departed-kept = " + DEPARTED_KEPT);
  }

  @AfterAll
  static void stopNode() throws Exception {
    server.stop();
  }

  private static WsClient connect() throws Exception {
    return WsClient.connect(server.httpPort());
  }

  private static JsonNode join(WsClient client, String room, String name) throws Exception {
    client.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
    JsonNode joined = client.expect("joined");
    assertEquals(room, joined.path("room").asText());
    assertEquals(20, joined.path("tickRate").asInt());
    return joined;
  }

  @Test
  void twoPlayersJoinMoveAndSeeEachOther() throws Exception {
    try (WsClient ada = connect(); WsClient bob = connect()) {
      String adaId = join(ada, "meet", "Ada").path("playerId").asText();
      String bobId = join(bob, "meet", "Bob").path("playerId").asText();
      assertNotEquals(adaId, bobId);

      JsonNode seenByAda = ada.nextState(state -> !WsClient.player(state, bobId).isMissingNode(),
          Duration.ofSeconds(5));
      assertEquals("Bob", WsClient.player(seenByAda, bobId).path("name").asText());
      double bobX = WsClient.player(seenByAda, bobId).path("x").asDouble();

      bob.send("{\"type\":\"input\",\"seq\":1,\"dx\":" + (bobX < 500 ? 1 : -1) + ",\"dy\":0}");
      JsonNode moved = ada.nextState(
          state -> Math.abs(WsClient.player(state, bobId).path("x").asDouble() - bobX) >= 50,
          Duration.ofSeconds(5));
      assertEquals(1, moved.path("acks").path(bobId).asLong());
      assertTrue(moved.path("coins").size() == 20, "a room keeps 20 coins on the floor");
    }
  }

  @Test
  void inputIsAcknowledgedInTheNextStateFrames() throws Exception {
    try (WsClient ada = connect()) {
      String me = join(ada, "acks", "Ada").path("playerId").asText();
      ada.send("{\"type\":\"input\",\"seq\":41,\"dx\":0,\"dy\":0.5}");
      JsonNode acked = ada.nextState(state -> state.path("acks").path(me).asLong() == 41,
          Duration.ofSeconds(2));
      assertTrue(acked.path("tick").asLong() > 0);
      ada.send("{\"type\":\"input\",\"seq\":41,\"dx\":0,\"dy\":0}");
      assertEquals("bad_message", ada.expectError(), "seq must strictly increase");
    }
  }

  @Test
  void pickedUpCoinRaisesTheScoreEveryoneSees() throws Exception {
    try (WsClient ada = connect(); WsClient bob = connect()) {
      String adaId = join(ada, "coins", "Ada").path("playerId").asText();
      join(bob, "coins", "Bob");
      new CoinChaser(ada, adaId).collectCoin();
      bob.nextState(state -> WsClient.player(state, adaId).path("score").asLong() >= 1,
          Duration.ofSeconds(2));
    }
  }

  @Test
  void chatReachesEveryoneInTheRoom() throws Exception {
    try (WsClient ada = connect(); WsClient bob = connect()) {
      String adaId = join(ada, "talk", "Ada").path("playerId").asText();
      join(bob, "talk", "Bob");
      ada.send("{\"type\":\"chat\",\"text\":\"<b>gg</b> 🎉\"}");
      for (WsClient client : List.of(ada, bob)) {
        JsonNode chat = client.expect("chat");
        assertEquals(adaId, chat.path("from").asText());
        assertEquals("Ada", chat.path("name").asText());
        assertEquals("<b>gg</b> 🎉", chat.path("text").asText());
      }
    }
  }

  @Test
  void everyBadFrameGetsAnErrorAndTheSocketKeepsWorking() throws Exception {
    try (WsClient client = connect()) {
      for (String frame : BAD_FRAMES) {
        client.send(frame);
        assertEquals("bad_message", client.expectError(), () -> "for frame " + frame);
      }
      client.sendBinary(new byte[] {1, 2, 3});
      assertEquals("bad_message", client.expectError());

      client.send("{\"type\":\"input\",\"seq\":1,\"dx\":0,\"dy\":0}");
      assertEquals("not_joined", client.expectError());
      client.send("{\"type\":\"chat\",\"text\":\"hi\"}");
      assertEquals("not_joined", client.expectError());

      client.send("{\"type\":\"ping\",\"t\":12.5}");
      JsonNode pong = client.expect("pong");
      assertEquals(12.5, pong.path("t").asDouble());
      assertTrue(pong.path("serverTime").asLong() > 0);
      join(client, "after-errors", "Ada");
      client.nextState();
    }
  }

  @Test
  void badFramesFromAPlayerDoNotDisturbItsRoom() throws Exception {
    try (WsClient hostile = connect(); WsClient calm = connect()) {
      String hostileId = join(hostile, "disturbed", "Mallory").path("playerId").asText();
      join(calm, "disturbed", "Calm");
      long firstTick = calm.latestState().path("tick").asLong();
      for (String frame : BAD_FRAMES) {
        hostile.send(frame);
        assertEquals("bad_message", hostile.expectError(), () -> "for frame " + frame);
      }
      hostile.send("{\"type\":\"input\",\"seq\":1,\"dx\":1,\"dy\":0}");
      hostile.nextState(state -> state.path("acks").path(hostileId).asLong() == 1, Duration.ofSeconds(2));
      // The calm player got a state frame for every tick throughout, none missing.
      long lastTick = hostile.latestState().path("tick").asLong();
      long tick = firstTick;
      while (tick < lastTick) {
        long next = calm.nextState().path("tick").asLong();
        assertEquals(tick + 1, next, "a state frame every tick");
        tick = next;
      }
    }
  }

  @Test
  void resumedPlayerKeepsItsScore() throws Exception {
    String resume;
    String me;
    long score;
    long seq;
    try (WsClient first = connect()) {
      JsonNode joined = join(first, "resume-score", "Ada");
      me = joined.path("playerId").asText();
      resume = joined.path("resume").asText();
      CoinChaser chaser = new CoinChaser(first, me);
      chaser.collectCoin();
      seq = chaser.seq();
      score = WsClient.player(first.nextState(), me).path("score").asLong();
      assertTrue(score >= 1);
    }
    try (WsClient second = connect()) {
      second.send("{\"type\":\"join\",\"resume\":\"" + resume + "\"}");
      JsonNode joined = second.expect("joined");
      assertEquals(me, joined.path("playerId").asText());
      assertTrue(joined.path("lastSeq").asLong() <= seq);
      JsonNode state = second.nextState();
      assertTrue(WsClient.player(state, me).path("score").asLong() >= score);
      assertEquals("Ada", WsClient.player(state, me).path("name").asText());
    }
  }

  @Test
  void forgedOrForeignResumeTokensAreRefused() throws Exception {
    try (WsClient client = connect()) {
      String token = join(client, "tokens", "Ada").path("resume").asText();
      client.send("{\"type\":\"leave\"}");
      String[] parts = token.split("\\.");
      String forged = parts[0] + ".SomeoneElse." + parts[2];
      client.send("{\"type\":\"join\",\"resume\":\"" + forged + "\"}");
      assertEquals("invalid_token", client.expectError());
      client.send("{\"type\":\"join\",\"resume\":\"tokens.x\"}");
      assertEquals("invalid_token", client.expectError());
    }
  }

  @Test
  void resumeOfADepartedPlayerTheRoomForgotIsRefused() throws Exception {
    try (WsClient bob = connect(); WsClient ada = connect(); WsClient cy = connect()) {
      join(bob, "forgetful", "Bob");
      JsonNode adaJoined = join(ada, "forgetful", "Ada");
      JsonNode cyJoined = join(cy, "forgetful", "Cy");
      ada.leaveSeenBy(bob, adaJoined.path("playerId").asText());
      cy.leaveSeenBy(bob, cyJoined.path("playerId").asText());

      ada.send("{\"type\":\"join\",\"resume\":\"" + adaJoined.path("resume").asText() + "\"}");
      JsonNode refused = ada.expect("error");
      assertEquals("invalid_token", refused.path("code").asText(), "Ada left longest ago: forgotten");
      assertEquals("resume token names no player of room forgetful", refused.path("message").asText());
      cy.send("{\"type\":\"join\",\"resume\":\"" + cyJoined.path("resume").asText() + "\"}");
      assertEquals(cyJoined.path("playerId").asText(), cy.expect("joined").path("playerId").asText());
    }
  }

  @Test
  void fullRoomRefusesTheNextPlayer() throws Exception {
    List<WsClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < CAPACITY; i++) {
        WsClient client = connect();
        clients.add(client);
        join(client, "crowded", "p" + i);
      }
      WsClient late = connect();
      clients.add(late);
      late.send("{\"type\":\"join\",\"room\":\"crowded\",\"name\":\"late\"}");
      assertEquals("room_full", late.expectError());
      join(late, "roomy", "late");
    } finally {
      clients.forEach(WsClient::close);
    }
  }

  @Test
  void leavingPlayerDisappearsForOthersAndMayJoinAgain() throws Exception {
    try (WsClient ada = connect(); WsClient bob = connect()) {
      join(ada, "exit", "Ada");
      String bobId = join(bob, "exit", "Bob").path("playerId").asText();
      ada.nextState(state -> !WsClient.player(state, bobId).isMissingNode(), Duration.ofSeconds(5));
      bob.send("{\"type\":\"leave\"}");
      ada.nextState(state -> WsClient.player(state, bobId).isMissingNode(), Duration.ofSeconds(5));
      bob.send("{\"type\":\"chat\",\"text\":\"still here?\"}");
      assertEquals("not_joined", bob.expectError());
      assertNotEquals(bobId, join(bob, "exit", "Bob again").path("playerId").asText());
    }
  }

  @Test
  void operatorApiDescribesNodeAndRooms() throws Exception {
    try (WsClient ada = connect()) {
      String me = join(ada, "observed", "Ada").path("playerId").asText();
      ada.nextState();
      assertEquals(200, get("/health/alive").statusCode());
      assertEquals(200, get("/health/ready").statusCode());

      JsonNode cluster = WsClient.JSON.readTree(get("/admin/cluster").body());
      assertEquals("Up", cluster.path("members").path(0).path("status").asText());
      assertEquals(cluster.path("self").asText(), cluster.path("members").path(0).path("address").asText());

      JsonNode shards = WsClient.JSON.readTree(get("/admin/shards").body());
      assertTrue(shards.path("nodes").path(0).path("rooms").asInt() >= 1);

      HttpResponse<String> room = get("/admin/rooms/observed");
      assertEquals(200, room.statusCode());
      JsonNode info = WsClient.JSON.readTree(room.body());
      assertEquals(cluster.path("self").asText(), info.path("node").asText());
      assertEquals(me, info.path("players").path(0).path("id").asText());
      assertEquals(404, get("/admin/rooms/never-joined").statusCode());

      String metrics = get("/metrics").body();
      for (String metric : List.of("game_rooms", "game_players", "game_tick_duration_seconds",
          "game_checkpoint_latency_seconds", "game_frames_in_total", "game_frames_out_total",
          "game_dropped_frames_total")) {
        assertTrue(metrics.contains(metric), () -> metric + " missing from /metrics");
      }
    }
  }

  @Test
  void browserClientIsServedAtTheRoot() throws Exception {
    HttpResponse<String> page = playerPort("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("<canvas"));
    assertFalse(page.body().contains("http://"), "the page loads nothing from elsewhere");
  }

  @Test
  void otherPathsOnThePlayerPortAreAnsweredPlainly() throws Exception {
    assertEquals(204, playerPort("/favicon.ico").statusCode());
    HttpResponse<String> missing = playerPort("/nothing-here");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("/ws"), missing::body);
  }

  @Test
  void messageSentInFragmentsIsReadWhole() throws Exception {
    try (RawWebSocket client = RawWebSocket.open(server.httpPort(), 0)) {
      byte[] join = "{\"type\":\"join\",\"room\":\"fragments\",\"name\":\"Ada\"}"
          .getBytes(StandardCharsets.UTF_8);
      client.send(RawWebSocket.TEXT, false, Arrays.copyOfRange(join, 0, 10));
      client.send(RawWebSocket.CONTINUATION, false, Arrays.copyOfRange(join, 10, 30));
      client.send(RawWebSocket.CONTINUATION, true, Arrays.copyOfRange(join, 30, join.length));
      JsonNode joined = WsClient.JSON.readTree(client.readText());
      assertEquals("joined", joined.path("type").asText(), joined::toString);
      assertEquals("fragments", joined.path("room").asText());
    }
  }

  private static HttpResponse<String> playerPort(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
