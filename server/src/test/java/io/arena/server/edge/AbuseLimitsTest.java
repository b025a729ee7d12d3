package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.server.GameServer;
import io.arena.server.testing.RawWebSocket;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients over real sockets meet each limit, answered by an error or a close code with a
 * reason, while well-behaved players in the same room keep getting their state frames.
 */
class AbuseLimitsTest {
  private static final String GAME_ORIGIN = "https://game.example";
  private static GameServer strict;
  private static GameServer tiny;

  @BeforeAll
  static void startNodes() throws Exception {
    strict = TestNodes.startOnH2("arena-limits",
        "game.limits.messages-per-second = 5",
        "game.limits.message-burst = 5",
        "game.limits.abuse-close-after = 1s",
        "game.limits.max-frame-bytes = 16384",
        "game.limits.allowed-origins = \"" + GAME_ORIGIN + ", http://localhost:8080\"",
        "game.edge.request-timeout = 1s");
    tiny = TestNodes.startOnH2("arena-tiny",
        "game.limits.idle-timeout = 1s",
        "game.limits.rooms-per-node = 1");
  }

  @AfterAll
  static void stopNodes() throws Exception {
    strict.stop();
    tiny.stop();
  }

  @Test
  void floodIsRateLimitedThenClosedWhileOthersPlayOn() throws Exception {
    try (WsClient flooder = WsClient.connect(strict.httpPort());
        WsClient player = WsClient.connect(strict.httpPort())) {
      flooder.join("flooded", "flood");
      player.join("flooded", "calm");
      long tickBefore = player.latestState().path("tick").asLong();

      // Sustained abuse, bounded: about 100 frames a second (20 times the limit) for at most 5 s
      // and 500 frames, to this node on loopback only, until the server closes the socket.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      for (int sent = 0; sent < 500 && System.nanoTime() < deadline; sent++) {
        try {
          flooder.send("{\"type\":\"ping\",\"t\":" + sent + "}");
        } catch (Exception closedByServer) {
          break;
        }
        Thread.sleep(10);
      }
      JsonNode limited = flooder.next(frame -> "error".equals(frame.path("type").asText()),
          Duration.ofSeconds(5));
      assertEquals("rate_limited", limited.path("code").asText());
      JsonNode closed = flooder.awaitClose(Duration.ofSeconds(10));
      assertEquals(CloseCodes.POLICY_VIOLATION, closed.path("code").asInt(), closed::toString);
      assertTrue(closed.path("reason").asText().contains("messages per second"));

      JsonNode after = player.latestState();
      assertTrue(after.path("tick").asLong() > tickBefore, "the calm player kept getting frames");
    }
  }

  @Test
  void frameOverTheContractLimitGetsAnErrorAndOverTheHardLimitClosesTheSocket() throws Exception {
    try (WsClient client = WsClient.connect(strict.httpPort())) {
      client.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(8000) + "\"}");
      assertEquals("bad_message", client.expectError());
      client.send("{\"type\":\"ping\",\"t\":1}");
      client.expect("pong");

      client.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(40_000) + "\"}");
      JsonNode closed = client.awaitClose(Duration.ofSeconds(10));
      assertEquals(CloseCodes.MESSAGE_TOO_BIG, closed.path("code").asInt(), closed::toString);
      assertEquals("frame over 16384 bytes", closed.path("reason").asText());
    }
  }

  @Test
  void messageOverTheHardLimitInFragmentsClosesTheSocketToo() throws Exception {
    try (RawWebSocket client = RawWebSocket.open(strict.httpPort(), 0)) {
      byte[] fragment = "x".repeat(8000).getBytes(StandardCharsets.UTF_8);
      client.send(RawWebSocket.TEXT, false, fragment);
      client.send(RawWebSocket.CONTINUATION, false, fragment);
      client.send(RawWebSocket.CONTINUATION, true, fragment);
      assertEquals(CloseCodes.MESSAGE_TOO_BIG + " frame over 16384 bytes", client.readClose());
    }
  }

  @Test
  void onlyAllowedOriginsMayOpenSockets() throws Exception {
    try (WsClient page = WsClient.connect(strict.httpPort(), GAME_ORIGIN);
        WsClient tool = WsClient.connect(strict.httpPort())) {
      page.join("origins", "page");
      tool.join("origins", "tool");
    }
    Exception refused = assertThrows(Exception.class,
        () -> WsClient.connect(strict.httpPort(), "https://evil.example"));
    WebSocketHandshakeException handshake =
        assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
    assertEquals(403, handshake.getResponse().statusCode());
  }

  @Test
  void silentSocketIsClosedButOneThatPingsStays() throws Exception {
    try (WsClient silent = WsClient.connect(tiny.httpPort());
        WsClient chatty = WsClient.connect(tiny.httpPort())) {
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < deadline) {
        chatty.send("{\"type\":\"ping\",\"t\":1}");
        Thread.sleep(200);
      }
      JsonNode closed = silent.awaitClose(Duration.ofSeconds(5));
      assertEquals(CloseCodes.POLICY_VIOLATION, closed.path("code").asInt(), closed::toString);
      chatty.skipReceived();
      chatty.send("{\"type\":\"ping\",\"t\":2}");
      chatty.expect("pong");
    }
  }

  @Test
  void connectionThatNeverAsksForAnythingIsClosedButAWebSocketStays() throws Exception {
    try (Socket silent = new Socket("127.0.0.1", strict.httpPort());
        RawWebSocket player = RawWebSocket.open(strict.httpPort(), 0)) {
      silent.setSoTimeout(10_000);
      assertEquals(-1, silent.getInputStream().read(), "closed by the server");
      player.sendText("{\"type\":\"ping\",\"t\":1}");
      assertTrue(player.readText().contains("\"pong\""));
    }
  }

  @Test
  void newRoomOnAFullNodeIsUnavailable() throws Exception {
    try (WsClient first = WsClient.connect(tiny.httpPort());
        WsClient second = WsClient.connect(tiny.httpPort())) {
      first.join("only-room", "Ada");
      second.send("{\"type\":\"join\",\"room\":\"one-too-many\",\"name\":\"Bob\"}");
      assertEquals("unavailable", second.expectError());
      second.send("{\"type\":\"join\",\"room\":\"only-room\",\"name\":\"Bob\"}");
      second.expect("joined");
    }
  }
}
