package io.arena.server;

import com.fasterxml.jackson.databind.JsonNode;

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

  static String inputFrame(long seq, double[] direction) {
    return "{\"type\":\"input\",\"seq\":" + seq + ",\"dx\":" + direction[0] + ",\"dy\":" + direction[1] + "}";
  }
}
