package io.arena.server.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.games.arena.Arena;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Plays one player over a socket: steers it toward the nearest coin, from what each {@code state}
 * frame shows, numbering its inputs. The static helpers serve tests that drive rooms directly.
 */
public final class CoinChaser {
  private static final Duration COIN_WITHIN = Duration.ofSeconds(30);
  private static final Duration ACK_WITHIN = Duration.ofSeconds(5);

  private final WsClient client;
  private final String me;
  private long seq;

  public CoinChaser(WsClient client, String me) {
    this.client = client;
    this.me = me;
  }

  /** The last input seq sent. */
  public long seq() {
    return seq;
  }

  public long scoreIn(JsonNode state) {
    return WsClient.player(state, me).path("score").asLong();
  }

  /** Chases coins until a state frame shows a higher score than now; returns that frame. */
  public JsonNode collectCoin() throws Exception {
    long before = scoreIn(client.latestState());
    return chaseUntil(state -> scoreIn(state) > before, COIN_WITHIN);
  }

  /** Steers toward the nearest coin on every state frame until one satisfies {@code done}. */
  public JsonNode chaseUntil(Predicate<JsonNode> done, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode state = client.nextState();
    while (!done.test(state)) {
      assertTrue(System.nanoTime() < deadline, "not reached within " + timeout + " of chasing coins");
      steer(state);
      state = client.nextState();
    }
    return state;
  }

  /** One input toward the coin nearest to where {@code state} shows the player. */
  public void steer(JsonNode state) throws Exception {
    client.send(inputFrame(++seq, direction(state, me)));
  }

  /**
   * Stops the player and waits for the state frame that acknowledges the stop, so every later
   * frame shows it standing where it is.
   */
  public JsonNode standStill() throws Exception {
    long stop = ++seq;
    client.send(inputFrame(stop, new double[] {0, 0}));
    return client.nextState(frame -> frame.path("acks").path(me).asLong() >= stop, ACK_WITHIN);
  }

  /** The unit direction {dx, dy} from player {@code me} to the nearest coin. */
  public static double[] direction(JsonNode state, String me) {
    JsonNode player = WsClient.player(state, me);
    double x = player.path("x").asDouble();
    double y = player.path("y").asDouble();
    double bestDistance = Double.MAX_VALUE;
    double[] best = {0, 0};
    for (JsonNode coin : state.path("coins")) {
      double dx = coin.path("x").asDouble() - x;
      double dy = coin.path("y").asDouble() - y;
      double distance = Math.hypot(dx, dy);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = distance < 1e-9 ? new double[] {0, 0} : new double[] {dx / distance, dy / distance};
      }
    }
    return best;
  }

  /**
   * Coins within reach of {@code me} in {@code before} that are gone in {@code after}: pickups by
   * {@code me} (reach widened by one unit for rounding in the frames).
   */
  public static int coinsTakenBy(JsonNode before, JsonNode after, String me) {
    JsonNode player = WsClient.player(after, me);
    Set<Integer> remaining = new HashSet<>();
    after.path("coins").forEach(coin -> remaining.add(coin.path("id").asInt()));
    int taken = 0;
    for (JsonNode coin : before.path("coins")) {
      double distance = Math.hypot(coin.path("x").asDouble() - player.path("x").asDouble(),
          coin.path("y").asDouble() - player.path("y").asDouble());
      if (!remaining.contains(coin.path("id").asInt()) && distance <= Arena.PICKUP_RADIUS + 1) {
        taken++;
      }
    }
    return taken;
  }

  public static String inputFrame(long seq, double[] direction) {
    return "{\"type\":\"input\",\"seq\":" + seq + ",\"dx\":" + direction[0] + ",\"dy\":" + direction[1] + "}";
  }
}
