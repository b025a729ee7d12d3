package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.protocol.Codec;
import io.arena.protocol.compact.CompactDecoder;
import io.arena.server.GameServer;
import io.arena.server.testing.RawWebSocket;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading, over a real socket: its room plays on for everyone else, it gets
 * every control frame in order when it reads again, and of the state frames only the newest
 * waited for it.
 */
class SlowClientTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int CHATS = 10;
  private static GameServer node;

  @BeforeAll
  static void startNode() throws Exception {
    // Small buffers per socket, so a stalled client fills them within seconds.
    node = TestNodes.startOnH2("arena-slow",
        "game.edge.write-buffer-low = 2k",
        "game.edge.write-buffer-high = 4k",
        "game.edge.socket-send-buffer = 8k");
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.stop();
  }

  private static double droppedFrames() throws Exception {
    String metrics = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node.adminPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(line -> line.startsWith("game_dropped_frames_total "))
        .mapToDouble(line -> Double.parseDouble(line.split(" ")[1])).sum();
  }

  @Test
  void stalledClientGetsItsChatInOrderAndOnlyTheNewestStateWhileItsRoomPlaysOn() throws Exception {
    try (WsClient calm = WsClient.connect(node.httpPort());
        RawWebSocket slow = RawWebSocket.open(node.httpPort(), 4096)) {
      calm.send("{\"type\":\"join\",\"room\":\"slow\",\"name\":\"calm\"}");
      calm.expect("joined");
      slow.sendText("{\"type\":\"join\",\"room\":\"slow\",\"name\":\"snail\"}");
      assertTrue(slow.readText().contains("\"joined\""));

      // The slow client reads nothing from here on. Within 20 s its socket is full and the server
      // drops its stale state frames.
      double droppedBefore = droppedFrames();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (droppedFrames() == droppedBefore) {
        assertTrue(System.nanoTime() < deadline, "no state frame was dropped for a stalled client");
        Thread.sleep(100);
      }
      calm.skipReceived();
      long previousTick = calm.nextState().path("tick").asLong();
      for (int line = 1; line <= CHATS; line++) {
        calm.send("{\"type\":\"chat\",\"text\":\"line " + line + "\"}");
        // Meanwhile every tick reaches the calm player, none skipped: the room is not held up.
        for (int frame = 0; frame < 3; frame++) {
          long tick = calm.nextState().path("tick").asLong();
          assertEquals(previousTick + 1, tick, "the calm player missed a tick");
          previousTick = tick;
        }
      }

      // The slow client reads again: what the kernel held, then every chat line in order, then the
      // newest state: the states only go forward, and fewer of them came than ticks went by.
      List<String> chats = new ArrayList<>();
      List<Long> ticks = new ArrayList<>();
      while (chats.size() < CHATS) {
        JsonNode frame = WsClient.JSON.readTree(slow.readText());
        if (WsClient.isState(frame)) {
          long tick = frame.path("tick").asLong();
          assertTrue(ticks.isEmpty() || tick > ticks.get(ticks.size() - 1), "state frames only go forward");
          ticks.add(tick);
        } else if ("chat".equals(frame.path("type").asText())) {
          chats.add(frame.path("text").asText());
        }
      }
      List<String> expected = new ArrayList<>();
      for (int line = 1; line <= CHATS; line++) {
        expected.add("line " + line);
      }
      assertEquals(expected, chats);
      ticks.add(WsClient.JSON.readTree(nextState(slow)).path("tick").asLong());
      long ticksSpanned = ticks.get(ticks.size() - 1) - ticks.get(0) + 1;
      assertTrue(ticks.size() < ticksSpanned, "stale states were dropped, not queued: " + ticks);

      // Caught up, it gets every tick again.
      long tick = WsClient.JSON.readTree(nextState(slow)).path("tick").asLong();
      assertEquals(tick + 1, WsClient.JSON.readTree(nextState(slow)).path("tick").asLong());
    }
  }

  @Test
  void aStalledCompactClientGetsAKeyframeAfterItsDroppedStatesAndDecodesEveryStateExactly()
      throws Exception {
    try (WsClient calm = WsClient.connect(node.httpPort());
        RawWebSocket slow = RawWebSocket.open(node.httpPort(), 4096, "/ws?state=compact")) {
      calm.send("{\"type\":\"join\",\"room\":\"slow-compact\",\"name\":\"calm\"}");
      calm.expect("joined");
      slow.sendText("{\"type\":\"join\",\"room\":\"slow-compact\",\"name\":\"snail\"}");
      assertTrue(slow.readText().contains("\"joined\""));
      CompactDecoder decoder = new CompactDecoder();
      TreeMap<Long, JsonNode> decoded = new TreeMap<>();
      int keyframes = decodeStates(slow, decoder, decoded, 3);

      // The slow client reads nothing from here on. Compact states are small, so chat lines fill
      // its buffers (an 8k send buffer, 4k each side) until the server drops its stale states.
      calm.send("{\"type\":\"input\",\"seq\":1,\"dx\":1,\"dy\":0.5}");
      double droppedBefore = droppedFrames();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      for (int line = 0; droppedFrames() == droppedBefore; line++) {
        assertTrue(System.nanoTime() < deadline, "no state frame was dropped for a stalled client");
        calm.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(Codec.MAX_CHAT_LENGTH) + "\"}");
        Thread.sleep(line < 50 ? 0 : 50);
      }
      calm.send("{\"type\":\"input\",\"seq\":2,\"dx\":-0.5,\"dy\":-1}");
      calm.skipReceived();
      long liveTick = calm.nextState().path("tick").asLong();

      // It reads again: every state it gets decodes to what the calm player got for that tick, up
      // to well past the tick the room was at when it did.
      while (decoded.isEmpty() || decoded.lastKey() < liveTick + 30) {
        keyframes += decodeStates(slow, decoder, decoded, 1);
      }
      assertTrue(keyframes >= 2, "after the dropped states came a keyframe, not a delta: " + keyframes);
      WsClient.assertSameStates(calm.statesWithin(Duration.ofMillis(500)), decoded, 20);
    }
  }

  /**
   * Reads until {@code count} compact states decoded (skipping text frames) and adds them, as the
   * JSON states they stand for, to {@code decoded}; returns how many came as keyframes.
   */
  private static int decodeStates(RawWebSocket socket, CompactDecoder decoder,
      Map<Long, JsonNode> decoded, int count) throws Exception {
    int keyframes = 0;
    for (int states = 0; states < count; ) {
      RawWebSocket.Frame frame = socket.read();
      if (frame.opcode() == RawWebSocket.BINARY) {
        decoder.apply(frame.payload());
        decoded.put(decoder.tick(), WsClient.JSON.readTree(Codec.encode(decoder.state())));
        keyframes += frame.payload()[0] == 0 ? 1 : 0;
        states++;
      }
    }
    return keyframes;
  }

  private static String nextState(RawWebSocket socket) throws Exception {
    for (String frame = socket.readText(); ; frame = socket.readText()) {
      if (frame.contains("\"type\":\"state\"")) {
        return frame;
      }
    }
  }
}
