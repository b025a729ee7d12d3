package io.arena.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arena.protocol.Codec;
import io.arena.protocol.StateFormat;
import io.arena.protocol.compact.CompactDecoder;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A game client over a real socket, built on the JDK's own WebSocket client and raw JSON: it knows
 * only the contract, not this project's codec. A compact client decodes its binary state frames
 * with the protocol module's {@link CompactDecoder} (the Java client API of protocol/README.md
 * section 11) and records each as the JSON state it stands for, with {@value #COMPACT_BYTES} and
 * {@value #KEYFRAME} added; a frame that does not decode fails the test that waits.
 */
public final class WsClient implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  /** Added to every frame by this client: System.nanoTime() when it arrived. */
  public static final String RECEIVED_AT = "_receivedAtNanos";
  /** Added to each state of a compact client: the size of the binary frame it came in. */
  public static final String COMPACT_BYTES = "_compactBytes";
  /** Added to each state of a compact client: whether it came as a keyframe. */
  public static final String KEYFRAME = "_keyframe";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String UNDECODABLE = "undecodable";

  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final AtomicInteger pings = new AtomicInteger();
  private final WebSocket socket;

  private WsClient(int port, String origin, StateFormat format) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (origin != null) {
      builder.header("Origin", origin);
    }
    String query = format == StateFormat.JSON ? "" : "?" + StateFormat.QUERY_PARAMETER + "=" + format.wire();
    socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + query), new Listener())
        .get(10, TimeUnit.SECONDS);
  }

  public static WsClient connect(int port) throws Exception {
    return new WsClient(port, null, StateFormat.JSON);
  }

  /** Connects as a browser page from {@code origin} would. */
  public static WsClient connect(int port, String origin) throws Exception {
    return new WsClient(port, origin, StateFormat.JSON);
  }

  /** Connects to receive states in {@code format}. */
  public static WsClient connect(int port, StateFormat format) throws Exception {
    return new WsClient(port, null, format);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    private final CompactDecoder decoder = new CompactDecoder();

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      partialBinary.writeBytes(chunk);
      if (last) {
        byte[] frame = partialBinary.toByteArray();
        partialBinary.reset();
        try {
          decoder.apply(frame);
          frames.add(((ObjectNode) JSON.readTree(Codec.encode(decoder.state())))
              .put(RECEIVED_AT, System.nanoTime()).put(COMPACT_BYTES, frame.length)
              .put(KEYFRAME, frame[0] == 0));
        } catch (Exception e) {
          frames.add(JSON.createObjectNode().put("type", UNDECODABLE).put("reason", e.toString()));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(((ObjectNode) JSON.readTree(partial.toString()))
              .put(RECEIVED_AT, System.nanoTime()));
        } catch (Exception e) {
          frames.add(JSON.createObjectNode().put("type", "unparseable").put("raw", partial.toString()));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      frames.add(JSON.createObjectNode().put("type", "closed").put("code", statusCode).put("reason", reason));
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      pings.incrementAndGet();
      return WebSocket.Listener.super.onPing(webSocket, message);
    }

    /** A connection dropped without a close frame ends here, not in onClose. */
    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      frames.add(JSON.createObjectNode().put("type", "closed").put("code", -1)
          .put("reason", String.valueOf(error)));
    }
  }

  public void send(String frame) throws Exception {
    socket.sendText(frame, true).get(5, TimeUnit.SECONDS);
  }

  public void sendBinary(byte[] bytes) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).get(5, TimeUnit.SECONDS);
  }

  /** Joins {@code room} as {@code name}; returns the player id. */
  public String join(String room, String name) throws Exception {
    send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
    return expect("joined").path("playerId").asText();
  }

  /** The next frame that is not a {@code state} frame. */
  public JsonNode nextControl() throws InterruptedException {
    return next(frame -> !isState(frame), WAIT);
  }

  /** The next control frame, which must be of {@code type}. */
  public JsonNode expect(String type) throws InterruptedException {
    JsonNode frame = nextControl();
    assertEquals(type, frame.path("type").asText(), () -> "expected " + type + " but got " + frame);
    return frame;
  }

  /**
   * This client's player, {@code playerId}, leaves; returns once {@code observer}, in the same
   * room, sees it gone, which it is only once its leave is stored.
   */
  public void leaveSeenBy(WsClient observer, String playerId) throws Exception {
    send("{\"type\":\"leave\"}");
    observer.nextState(state -> player(state, playerId).isMissingNode(), Duration.ofSeconds(5));
  }

  /** The next {@code error} frame's code. */
  public String expectError() throws InterruptedException {
    return expect("error").path("code").asText();
  }

  public JsonNode nextState(Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
    return next(frame -> isState(frame) && condition.test(frame), timeout);
  }

  public JsonNode nextState() throws InterruptedException {
    return nextState(frame -> true, WAIT);
  }

  /** What the player sees now: drops queued frames and waits for a fresh state frame. */
  public JsonNode latestState() throws InterruptedException {
    skipReceived();
    return nextState();
  }

  public JsonNode next(Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
      if (frame == null) {
        return fail("no matching frame within " + timeout);
      }
      if (isClosed(frame) && !condition.test(frame)) {
        return fail("socket closed while waiting: " + frame);
      }
      if (UNDECODABLE.equals(frame.path("type").asText())) {
        return fail("a compact state frame did not decode: " + frame.path("reason").asText());
      }
      if (condition.test(frame)) {
        return frame;
      }
    }
  }

  /** WebSocket ping frames received (the JDK client answers them itself). */
  public int pings() {
    return pings.get();
  }

  /** Drops every frame received so far. */
  public void skipReceived() {
    frames.clear();
  }

  /** The pseudo-frame this client records when its socket closes: {@code code} -1 for no close frame. */
  public static boolean isClosed(JsonNode frame) {
    return "closed".equals(frame.path("type").asText());
  }

  /** Waits for the socket to close and returns the pseudo-frame with its close code and reason. */
  public JsonNode awaitClose(Duration timeout) throws InterruptedException {
    return next(WsClient::isClosed, timeout);
  }

  /**
   * The states received so far and within {@code window}, by tick (the later of two of one tick),
   * as the server sent them (without the fields this client adds).
   */
  public NavigableMap<Long, JsonNode> statesWithin(Duration window) throws InterruptedException {
    NavigableMap<Long, JsonNode> states = new TreeMap<>();
    long deadline = System.nanoTime() + window.toNanos();
    for (JsonNode frame; (frame = frames.poll(Math.max(0, deadline - System.nanoTime()),
        TimeUnit.NANOSECONDS)) != null; ) {
      if (UNDECODABLE.equals(frame.path("type").asText())) {
        fail("a compact state frame did not decode: " + frame.path("reason").asText());
      }
      if (isState(frame)) {
        states.put(frame.path("tick").asLong(), asSent(frame));
      }
    }
    return states;
  }

  /** {@code frame} without the fields this client adds to what it receives. */
  public static JsonNode asSent(JsonNode frame) {
    ObjectNode copy = frame.deepCopy();
    copy.remove(List.of(RECEIVED_AT, COMPACT_BYTES, KEYFRAME));
    return copy;
  }

  /**
   * Two clients in one room saw the same states: every tick both got is the same, and they got at
   * least {@code minimum} ticks in common.
   */
  public static void assertSameStates(Map<Long, JsonNode> expected, Map<Long, JsonNode> actual,
      int minimum) {
    int common = 0;
    for (Map.Entry<Long, JsonNode> state : actual.entrySet()) {
      JsonNode other = expected.get(state.getKey());
      if (other != null) {
        assertEquals(other, state.getValue(), "the state of tick " + state.getKey());
        common++;
      }
    }
    assertTrue(common >= minimum, "only " + common + " ticks in common, of " + actual.size());
  }

  public static boolean isState(JsonNode frame) {
    return "state".equals(frame.path("type").asText());
  }

  /** The player {@code id} in a state frame, or a missing node. */
  public static JsonNode player(JsonNode state, String id) {
    for (JsonNode player : state.path("players")) {
      if (id.equals(player.path("id").asText())) {
        return player;
      }
    }
    return JSON.missingNode();
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS)
        .exceptionally(failure -> null).join();
    socket.abort();
  }
}
