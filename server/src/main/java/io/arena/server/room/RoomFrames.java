package io.arena.server.room;

import akka.actor.typed.ActorRef;
import io.arena.game.BinaryFrames;
import io.arena.game.host.GameDriver;
import io.arena.protocol.Codec;
import io.arena.protocol.ServerMessage;
import io.arena.protocol.StateFormat;
import java.util.HashMap;
import java.util.Map;

/**
 * The frames a room sends (protocol/README.md sections 3, 11 and 12), each encoded once for every
 * socket that reads it: the JSON text of the shared view if some socket reads JSON (or reads
 * compact frames of a game without a binary form), the game's binary keyframe and delta if some
 * socket reads compact frames, and the whole frame of each connected player with a view of its
 * own. One message per edge node with players, with what its sockets read. Stateless.
 */
final class RoomFrames {
  private RoomFrames() {}

  static void sendState(ActorRef<GameRoom.Command> room, String roomId, long tick,
      GameDriver<?> game, Roster roster, Audience audience) {
    boolean compactReaders = audience.reads(StateFormat.COMPACT);
    BinaryFrames binary = compactReaders ? game.binary(roomId, tick, roster) : null;
    boolean jsonForCompact = compactReaders && binary == null;
    GameDriver<?>.JsonState json = audience.reads(StateFormat.JSON) || jsonForCompact
        ? game.json(roomId, tick, roster.players()) : null;
    Map<ActorRef<RoomUpdate>, Map<Long, byte[]>> own = json == null ? null : ownFrames(json, roster);
    for (ActorRef<RoomUpdate> edge : audience.edges()) {
      boolean compactHere = audience.reads(edge, StateFormat.COMPACT);
      boolean jsonHere = audience.reads(edge, StateFormat.JSON) || (compactHere && binary == null);
      edge.tell(new RoomUpdate.State(room, tick,
          jsonHere ? json.shared() : null,
          compactHere && binary != null ? binary.delta() : null,
          compactHere && binary != null ? binary.keyframe() : null,
          own == null ? null : own.get(edge)));
    }
  }

  /** By edge and socket, the frames of the connected players who see more than everyone. */
  private static Map<ActorRef<RoomUpdate>, Map<Long, byte[]>> ownFrames(
      GameDriver<?>.JsonState json, Roster roster) {
    Map<ActorRef<RoomUpdate>, Map<Long, byte[]>> own = null;
    for (Player player : roster.players()) {
      if (player.connection == null) {
        continue;
      }
      byte[] frame = json.own(player);
      if (frame != null) {
        if (own == null) {
          own = new HashMap<>();
        }
        own.computeIfAbsent(player.connection.edge(), edge -> new HashMap<>())
            .put(player.connection.socket(), frame);
      }
    }
    return own;
  }

  static byte[] chat(Player player, String text) {
    return Codec.encodeUtf8(new ServerMessage.ChatLine(player.id, player.name, text));
  }
}
