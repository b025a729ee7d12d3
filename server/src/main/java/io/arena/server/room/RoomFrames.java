package io.arena.server.room;

import akka.actor.typed.ActorRef;
import io.arena.protocol.Codec;
import io.arena.protocol.ServerMessage;
import io.arena.protocol.compact.CompactEncoder;
import io.arena.protocol.compact.CompactFrames;
import io.arena.server.game.Coin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames a room sends (protocol/README.md sections 3 and 11), each encoded once for every
 * socket in the room: JSON text, and the compact keyframe and delta, each only if someone reads
 * it. Keeps the compact encoder's base from tick to tick; confined to its room.
 */
final class RoomFrames {
  private final CompactEncoder encoder = new CompactEncoder();

  /**
   * The tick's {@code state}: players in join order with their stored scores, coins, acks; in
   * JSON if {@code json}, in the compact format if {@code compact}.
   */
  RoomUpdate.State state(ActorRef<GameRoom.Command> room, String roomId, long tick, Roster roster,
      DurableWrites writes, List<Coin> coins, boolean json, boolean compact) {
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
    ServerMessage.State state = new ServerMessage.State(roomId, tick, views, coinViews, acks);
    CompactFrames frames = compact ? encoder.encode(state) : null;
    return new RoomUpdate.State(room, tick, json ? Codec.encodeUtf8(state) : null,
        frames == null ? null : frames.delta(), frames == null ? null : frames.keyframe());
  }

  static byte[] chat(Player player, String text) {
    return Codec.encodeUtf8(new ServerMessage.ChatLine(player.id, player.name, text));
  }
}
