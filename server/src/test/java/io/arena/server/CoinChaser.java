package io.arena.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** Steers a player toward the nearest coin, from what a {@code state} frame shows. */
final class CoinChaser {
  private CoinChaser() {}

  /** The unit direction {dx, dy} from player {@code me} to the nearest coin. */
  static double[] direction(JsonNode state, String me) {
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
  static int coinsTakenBy(JsonNode before, JsonNode after, String me) {
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

  static String inputFrame(long seq, double[] direction) {
    return "{\"type\":\"input\",\"seq\":" + seq + ",\"dx\":" + direction[0] + ",\"dy\":" + direction[1] + "}";
  }
}
