package io.arena.protocol.compact;

import io.arena.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room's state as the compact format sees it (protocol/README.md section 11.2): positions in
 * whole hundredths, each player's last step (its move over the previous tick, what a delta
 * predicts from), and the coins by slot. The encoder and the decoder each keep the last one, and
 * write the next into a second instance: arrays are reused, frame after frame.
 */
final class Snapshot {
  String room;
  long tick;
  int players;
  String[] ids = new String[0];
  String[] names = new String[0];
  long[] x = new long[0];
  long[] y = new long[0];
  long[] stepX = new long[0];
  long[] stepY = new long[0];
  long[] scores = new long[0];
  long[] acks = new long[0];
  int coins;
  long[] coinIds = new long[0];
  long[] coinX = new long[0];
  long[] coinY = new long[0];

  /** Room for {@code players} players and {@code coins} coins; contents are left as they are. */
  void resize(int players, int coins) {
    this.players = players;
    this.coins = coins;
    if (ids.length < players) {
      int size = Math.max(players, 2 * ids.length);
      ids = Arrays.copyOf(ids, size);
      names = Arrays.copyOf(names, size);
      x = Arrays.copyOf(x, size);
      y = Arrays.copyOf(y, size);
      stepX = Arrays.copyOf(stepX, size);
      stepY = Arrays.copyOf(stepY, size);
      scores = Arrays.copyOf(scores, size);
      acks = Arrays.copyOf(acks, size);
    }
    if (coinIds.length < coins) {
      coinIds = Arrays.copyOf(coinIds, coins);
      coinX = Arrays.copyOf(coinX, coins);
      coinY = Arrays.copyOf(coinY, coins);
    }
  }

  /**
   * The index of the player with {@code id} and {@code name}, or -1. Linear: a room holds 16
   * players by default, and only a tick whose roster changed looks players up.
   */
  int indexOf(String id, String name) {
    for (int i = 0; i < players; i++) {
      if (ids[i].equals(id) && names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** As the JSON {@code state} shows it: coordinates as hundredths over 100, acks in player order. */
  ServerMessage.State toState() {
    List<ServerMessage.PlayerView> views = new ArrayList<>(players);
    Map<String, Long> ackMap = new LinkedHashMap<>();
    for (int i = 0; i < players; i++) {
      views.add(new ServerMessage.PlayerView(ids[i], names[i], x[i] / 100.0, y[i] / 100.0, scores[i]));
      ackMap.put(ids[i], acks[i]);
    }
    List<ServerMessage.CoinView> coinViews = new ArrayList<>(coins);
    for (int c = 0; c < coins; c++) {
      coinViews.add(new ServerMessage.CoinView((int) coinIds[c], coinX[c] / 100.0, coinY[c] / 100.0));
    }
    return new ServerMessage.State(room, tick, views, coinViews, ackMap);
  }

  /** The same rounding as the JSON codec's: the nearest hundredth. */
  static long hundredths(double coordinate) {
    return Math.round(coordinate * 100);
  }
}
