package io.arena.games.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arena.game.kit.GameKit;
import io.arena.protocol.Codec;
import io.arena.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The arena on the game API, through the test kit: its state frames are the protocol's byte for
 * byte, a point shows once stored, and a crash takes back no point anyone saw.
 */
class ArenaGameTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final GameKit<CoinPicked> kit = GameKit.of(new ArenaDefinition());

  private JsonNode state(String player) throws Exception {
    return JSON.readTree(kit.state(player));
  }

  private static long score(JsonNode state, String player) {
    for (JsonNode view : state.path("players")) {
      if (view.path("id").asText().equals(player)) {
        return view.path("score").asLong();
      }
    }
    throw new AssertionError("no " + player + " in " + state);
  }

  /** Steers {@code player} toward the nearest coin for a tick. */
  private void chaseOneTick(String player) throws Exception {
    JsonNode state = state(player);
    JsonNode me = null;
    for (JsonNode view : state.path("players")) {
      me = view.path("id").asText().equals(player) ? view : me;
    }
    JsonNode nearest = null;
    double best = Double.MAX_VALUE;
    for (JsonNode coin : state.path("coins")) {
      double distance = Math.hypot(coin.path("x").asDouble() - me.path("x").asDouble(),
          coin.path("y").asDouble() - me.path("y").asDouble());
      if (distance < best) {
        best = distance;
        nearest = coin;
      }
    }
    double dx = nearest.path("x").asDouble() - me.path("x").asDouble();
    double dy = nearest.path("y").asDouble() - me.path("y").asDouble();
    double length = Math.max(1e-9, Math.hypot(dx, dy));
    kit.input(player, "dx", dx / length, "dy", dy / length);
    kit.tick();
  }

  /** Chases coins until {@code player}'s score shows higher, within 600 ticks. */
  private JsonNode chaseUntilScored(String player) throws Exception {
    long before = score(state(player), player);
    for (int ticks = 0; ticks < 600 && score(state(player), player) == before; ticks++) {
      chaseOneTick(player);
    }
    JsonNode state = state(player);
    assertTrue(score(state, player) > before, player + " scored nothing within 600 ticks");
    return state;
  }

  @Test
  void itsStateFrameIsTheProtocolsStateByteForByte() throws Exception {
    kit.join("ada", "Ada \"the\" great");
    kit.join("bob");
    kit.input("ada", "dx", 0.6, "dy", -0.8);
    kit.ticks(37);
    String frame = kit.state("bob");
    JsonNode state = JSON.readTree(frame);
    List<ServerMessage.PlayerView> players = new ArrayList<>();
    Map<String, Long> acks = new LinkedHashMap<>();
    for (JsonNode player : state.path("players")) {
      players.add(new ServerMessage.PlayerView(player.path("id").asText(), player.path("name").asText(),
          player.path("x").asDouble(), player.path("y").asDouble(), player.path("score").asLong()));
      acks.put(player.path("id").asText(), state.path("acks").path(player.path("id").asText()).asLong());
    }
    List<ServerMessage.CoinView> coins = new ArrayList<>();
    for (JsonNode coin : state.path("coins")) {
      coins.add(new ServerMessage.CoinView(coin.path("id").asInt(), coin.path("x").asDouble(),
          coin.path("y").asDouble()));
    }
    assertEquals(Codec.encode(new ServerMessage.State("room-1", 37, players, coins, acks)), frame);
    assertEquals(1, acks.get("ada"));
    assertEquals(Arena.COIN_COUNT, coins.size());
  }

  @Test
  void aPointShowsOnlyOnceStoredAndACrashTakesBackOnlyWhatNobodySaw() throws Exception {
    kit.join("ada");
    long shown = score(chaseUntilScored("ada"), "ada");
    kit.checkpoint();
    kit.holdWrites();
    for (int ticks = 0; ticks < 600 && kit.heldWrites() == 0; ticks++) {
      chaseOneTick("ada");
    }
    assertTrue(kit.heldWrites() > 0, "a coin picked up while writes are held");
    assertEquals(shown, score(state("ada"), "ada"), "a point being stored is not shown");
    kit.crash();
    kit.reconnect("ada");
    assertEquals(shown, score(state("ada"), "ada"), "G1: what was shown came back; the held point did not");
  }

  @Test
  void aPlayerWhoLeftComesBackWithItsScoreEvenAfterACrash() throws Exception {
    kit.join("ada");
    kit.join("bob");
    long score = score(chaseUntilScored("ada"), "ada");
    kit.leave("ada");
    kit.crash();
    kit.join("ada");
    assertEquals(score, score(state("ada"), "ada"));
  }
}
