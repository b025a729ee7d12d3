package io.arena.server.room;

import io.arena.protocol.Codec;
import io.arena.protocol.ServerMessage;
import io.arena.server.game.Coin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames a room sends (protocol/README.md section 2), each encoded once as the UTF-8 JSON that
 * goes on the wire, for every socket in the room.
 */
final class RoomFrames {
  private RoomFrames() {}

  /** The tick's {@code state}: players in join order with their stored scores, coins, acks. */
  static byte[] state(String roomId, long tick, Roster roster, DurableWrites writes, List<Coin> coins) {
    List<ServerMessage.PlayerView> views = new ArrayList<>(roster.size());
    Map<String, Long> acks = new LinkedHashMap<>();
    for (Player player : roster.players()) {
      views.add(new ServerMessage.PlayerView(player.id, player.name, player.body.x(), player.body.y(),
          writes.storedScore(player.id)));
      acks.put(player.id, player.lastSeq);
    }
    List<ServerMessage.CoinView> coinViews = new ArrayList<>(coins.size());
    for (Coin coin : coins) {
      coinViews.add(new ServerMessage.CoinView(coin.id(), coin.x(), coin.y()));
    }
    return Codec.encodeUtf8(new ServerMessage.State(roomId, tick, views, coinViews, acks));
  }

  static byte[] chat(Player player, String text) {
    return Codec.encodeUtf8(new ServerMessage.ChatLine(player.id, player.name, text));
  }
}
