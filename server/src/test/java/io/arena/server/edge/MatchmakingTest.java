package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.protocol.Codec;
import io.arena.server.GameServer;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quick join, modes, private rooms and {@code GET /rooms} on one node over real sockets
 * (protocol/README.md section 10); rooms of 3 so that they fill.
 */
class MatchmakingTest {
  private static final int CAPACITY = 3;
  private static final String LOBBY_ORIGIN = "https://lobby.example";
  /** The list reflects a change within 2 s (section 10); the test allows a little more. */
  private static final Duration LISTED_WITHIN = Duration.ofSeconds(3);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GameServer node;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNodes.startOnH2("arena-matchmaking", "game.room-capacity = " + CAPACITY,
        "game.limits.allowed-origins = \"" + LOBBY_ORIGIN + "\"");
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.stop();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(WsClient::close);
  }

  private JsonNode join(String frame) throws Exception {
    WsClient client = WsClient.connect(node.httpPort());
    clients.add(client);
    client.send(frame);
    return client.nextControl();
  }

  private JsonNode quickJoin(String name, String mode) throws Exception {
    return join("{\"type\":\"join\",\"name\":\"" + name + "\",\"mode\":\"" + mode + "\"}");
  }

  private static HttpResponse<String> get(String pathAndQuery, String origin) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + pathAndQuery));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The list for {@code query} once it satisfies {@code done}, or the last one seen. */
  private static JsonNode roomsOnceThey(String query, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + LISTED_WITHIN.toNanos();
    JsonNode rooms = WsClient.JSON.readTree(get("/rooms" + query, null).body()).path("rooms");
    while (!done.test(rooms) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      rooms = WsClient.JSON.readTree(get("/rooms" + query, null).body()).path("rooms");
    }
    return rooms;
  }

  @Test
  void quickJoinsFillTheFullestOpenRoomOfTheirModeThenOpenAnother() throws Exception {
    Set<String> rooms = new HashSet<>();
    List<String> order = new ArrayList<>();
    for (int player = 0; player < CAPACITY + 1; player++) {
      JsonNode joined = quickJoin("p" + player, "ffa");
      assertEquals("joined", joined.path("type").asText(), joined.toString());
      String room = joined.path("room").asText();
      assertTrue(Codec.isValidRoomId(room) && room.startsWith("ffa-"), room);
      rooms.add(room);
      order.add(room);
    }
    assertEquals(2, rooms.size(), "3 players fill one room, the 4th opens the next: " + order);
    assertEquals(order.get(0), order.get(CAPACITY - 1));
    assertNotEquals(order.get(0), order.get(CAPACITY));

    JsonNode other = quickJoin("solo", "duel");
    assertTrue(other.path("room").asText().startsWith("duel-"), "another mode, another room");

    JsonNode listed = roomsOnceThey("?mode=ffa", list -> list.size() == 2);
    assertEquals(2, listed.size(), listed.toString());
    assertEquals(order.get(0), listed.get(0).path("room").asText(), "fullest first");
    assertEquals(CAPACITY, listed.get(0).path("players").asInt());
    assertEquals(CAPACITY, listed.get(0).path("capacity").asInt());
    assertEquals("ffa", listed.get(0).path("mode").asText());
    assertEquals(1, listed.get(1).path("players").asInt());
    assertEquals(1, roomsOnceThey("?mode=ffa&limit=1", list -> list.size() == 1).size());
  }

  @Test
  void aPrivateRoomIsNeitherListedNorQuickJoinedButItsIdLetsFriendsIn() throws Exception {
    JsonNode owner = join("{\"type\":\"join\",\"room\":\"hideout\",\"name\":\"Owner\",\"mode\":\"heist\",\"private\":true}");
    assertEquals("hideout", owner.path("room").asText());
    JsonNode stranger = quickJoin("Stranger", "heist");
    assertNotEquals("hideout", stranger.path("room").asText());
    JsonNode friend = join("{\"type\":\"join\",\"room\":\"hideout\",\"name\":\"Friend\"}");
    assertEquals("hideout", friend.path("room").asText());
    JsonNode listed = roomsOnceThey("?mode=heist", list -> list.size() == 1);
    assertEquals(1, listed.size(), listed.toString());
    assertEquals(stranger.path("room").asText(), listed.get(0).path("room").asText());
  }

  @Test
  void aBadListingRequestIsAnsweredWithItsReason() throws Exception {
    HttpResponse<String> badMode = get("/rooms?mode=capture%20the%20flag", null);
    assertEquals(400, badMode.statusCode());
    assertEquals("mode must be 1 to 32 characters of A-Z, a-z, 0-9, '_' and '-'", badMode.body());
    for (String limit : List.of("0", "1001", "ten", "-3", "99999")) {
      HttpResponse<String> badLimit = get("/rooms?limit=" + limit, null);
      assertEquals(400, badLimit.statusCode(), limit);
      assertEquals("limit must be a whole number from 1 to 1000", badLimit.body());
    }
    assertEquals(400, get("/rooms?mode=a&mode=b", null).statusCode());
    assertEquals(200, get("/rooms?unknown=1", null).statusCode(), "unknown parameters are ignored");
  }

  @Test
  void aLobbyPageOnAnAllowedOriginMayReadTheList() throws Exception {
    HttpResponse<String> allowed = get("/rooms", LOBBY_ORIGIN);
    assertEquals(200, allowed.statusCode());
    assertEquals(LOBBY_ORIGIN, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertEquals("application/json", allowed.headers().firstValue("Content-Type").orElse(null));
    HttpResponse<String> foreign = get("/rooms", "https://evil.example");
    assertEquals(200, foreign.statusCode(), "the list is public; the browser keeps it from the page");
    assertNull(foreign.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
  }

  @Test
  void aQuickJoinThatIsPrivateIsABadMessage() throws Exception {
    JsonNode error = join("{\"type\":\"join\",\"name\":\"Ada\",\"private\":true}");
    assertEquals("bad_message", error.path("code").asText());
  }
}
