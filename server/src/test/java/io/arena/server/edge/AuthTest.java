package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import io.arena.server.GameServer;
import io.arena.server.testing.CoinChaser;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.TestTokens;
import io.arena.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With GAME_AUTH_SECRET and GAME_ADMIN_TOKEN set: players are who their tokens say, operators too. */
class AuthTest {
  private static final String ADMIN_TOKEN = "operator-secret";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GameServer server;

  @BeforeAll
  static void startNode() throws Exception {
    server = TestNodes.startOnH2("arena-auth",
        "game.auth-secret = \"" + TestTokens.SECRET + "\"", "game.admin-token = \"" + ADMIN_TOKEN + "\"");
  }

  @AfterAll
  static void stopNode() throws Exception {
    server.stop();
  }

  private static String joinFrame(String room, String name, String token) {
    return "{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\""
        + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}";
  }

  @Test
  void guestsAndBadTokensAreRefusedAndTheSocketStaysUsable() throws Exception {
    try (WsClient client = WsClient.connect(server.httpPort())) {
      client.send(joinFrame("guarded", "guest", null));
      assertEquals("invalid_token", client.expectError());
      client.send(joinFrame("guarded", "late", TestTokens.issue(TestTokens.SECRET, JWSAlgorithm.HS256,
          "ada", Instant.now().minusSeconds(5))));
      assertEquals("invalid_token", client.expectError());
      client.send(joinFrame("guarded", "forger", TestTokens.issue(
          "not-the-server-secret-but-32-bytes-long", JWSAlgorithm.HS256, "ada", Instant.now().plusSeconds(60))));
      assertEquals("invalid_token", client.expectError());
      client.send(joinFrame("guarded", "Ada", TestTokens.valid("ada")));
      assertEquals("ada", client.expect("joined").path("playerId").asText());
    }
  }

  @Test
  void playerIsItsTokenSubjectAndComesBackWithItsScore() throws Exception {
    String token = TestTokens.valid("bob-7");
    long score;
    try (WsClient first = WsClient.connect(server.httpPort());
        WsClient watcher = WsClient.connect(server.httpPort())) {
      watcher.send(joinFrame("scored", "Watcher", TestTokens.valid("watcher")));
      watcher.expect("joined");
      first.send(joinFrame("scored", "Bob", token));
      assertEquals("bob-7", first.expect("joined").path("playerId").asText());
      CoinChaser chaser = new CoinChaser(first, "bob-7");
      chaser.collectCoin();
      score = chaser.scoreIn(chaser.standStill());
      // Rejoining before the leave is stored would be answered "unavailable".
      first.leaveSeenBy(watcher, "bob-7");
    }
    try (WsClient again = WsClient.connect(server.httpPort())) {
      again.send(joinFrame("scored", "Bobby", token));
      assertEquals("bob-7", again.expect("joined").path("playerId").asText());
      JsonNode me = WsClient.player(again.nextState(frame ->
          !WsClient.player(frame, "bob-7").isMissingNode(), Duration.ofSeconds(5)), "bob-7");
      // A coin picked up on the way to standing still may be stored after the last frame seen.
      assertTrue(score >= 1 && me.path("score").asLong() >= score,
          "the same player, with its score: " + score + " before, " + me.path("score") + " after");
    }
  }

  @Test
  void sameTokenOnASecondSocketTakesThePlayerOver() throws Exception {
    String token = TestTokens.valid("cy");
    try (WsClient laptop = WsClient.connect(server.httpPort());
        WsClient phone = WsClient.connect(server.httpPort())) {
      laptop.send(joinFrame("two-devices", "Cy", token));
      laptop.expect("joined");
      phone.send(joinFrame("two-devices", "Cy", token));
      assertEquals("cy", phone.expect("joined").path("playerId").asText());
      JsonNode error = laptop.expect("error");
      assertEquals("not_joined", error.path("code").asText());
      laptop.send("{\"type\":\"input\",\"seq\":1,\"dx\":1,\"dy\":0}");
      assertEquals("not_joined", laptop.expectError(), "only the phone moves Cy now");
    }
  }

  @Test
  void resumeNeedsNoPlayerToken() throws Exception {
    String resume;
    try (WsClient first = WsClient.connect(server.httpPort())) {
      first.send(joinFrame("resumable", "Di", TestTokens.valid("di")));
      resume = first.expect("joined").path("resume").asText();
    }
    try (WsClient back = WsClient.connect(server.httpPort())) {
      back.send("{\"type\":\"join\",\"resume\":\"" + resume + "\"}");
      assertEquals("di", back.expect("joined").path("playerId").asText());
    }
  }

  @Test
  void operatorApiWantsTheBearerTokenExceptForHealth() throws Exception {
    assertEquals(200, admin("/health/alive", null).statusCode());
    assertEquals(200, admin("/health/ready", null).statusCode());
    for (String path : new String[] {"/admin/cluster", "/admin/shards", "/admin/rooms/x", "/metrics"}) {
      HttpResponse<String> refused = admin(path, null);
      assertEquals(401, refused.statusCode(), path);
      assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
      assertEquals(401, admin(path, "Bearer wrong").statusCode(), path);
    }
    assertEquals(200, admin("/admin/cluster", "Bearer " + ADMIN_TOKEN).statusCode());
    assertEquals(200, admin("/metrics", "Bearer " + ADMIN_TOKEN).statusCode());
  }

  /** The page is static and open; its data wants the token, in the header or (for EventSource) the query. */
  @Test
  void dashboardDataWantsTheTokenInTheHeaderOrTheQuery() throws Exception {
    assertEquals(200, admin("/", null).statusCode());
    for (String path : new String[] {"/admin/dashboard", "/admin/dashboard/events"}) {
      assertEquals(401, admin(path, null).statusCode(), path);
      assertEquals(401, admin(path + "?token=wrong", null).statusCode(), path);
    }
    assertEquals(200, admin("/admin/dashboard", "Bearer " + ADMIN_TOKEN).statusCode());
    HttpResponse<String> byQuery = admin("/admin/dashboard?token=" + ADMIN_TOKEN, null);
    assertEquals(200, byQuery.statusCode());
    assertTrue(byQuery.body().contains("\"members\""), byQuery.body());
  }

  private static HttpResponse<String> admin(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
