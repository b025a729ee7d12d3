package io.arena.server.room;

import akka.actor.typed.ActorRef;
import io.arena.server.config.CborSerializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a room sends to the edge nodes of its players: the delivery protocol the room defines and
 * the edge implements. Answers name the socket they are for ({@link GameRoom.Connection}); a
 * broadcast is for all of the room's sockets on the receiving edge.
 */
public sealed interface RoomUpdate extends CborSerializable {

  /**
   * One frame for each of {@code room}'s sockets on the receiving edge, as the UTF-8 JSON text that
   * goes on the wire, encoded once. A {@code latestOnly} frame (state) is superseded by the next.
   */
  record Broadcast(ActorRef<GameRoom.Command> room, byte[] json, boolean latestOnly)
      implements RoomUpdate {
    @Override
    public boolean equals(Object other) {
      return other instanceof Broadcast broadcast && room.equals(broadcast.room)
          && Arrays.equals(json, broadcast.json) && latestOnly == broadcast.latestOnly;
    }

    @Override
    public int hashCode() {
      return Objects.hash(room, Arrays.hashCode(json), latestOnly);
    }

    @Override
    public String toString() {
      return "Broadcast(" + room + ", " + new String(json, StandardCharsets.UTF_8) + ", " + latestOnly + ")";
    }
  }

  /** The socket is in the room, and receives its broadcasts from now on. */
  record JoinAccepted(long socket, String room, String playerId, String name, long tick,
      int tickRate, long lastSeq, ActorRef<GameRoom.Command> roomRef) implements RoomUpdate {}

  record JoinRefused(long socket, String room, Refusal reason) implements RoomUpdate {}

  /**
   * The socket no longer speaks for its player in {@code room}: it left, it dropped, or (when
   * {@code takenOver}) the player connected again elsewhere and is still in the room.
   */
  record Released(long socket, ActorRef<GameRoom.Command> room, boolean takenOver)
      implements RoomUpdate {}

  /** Why a room did not seat a join; {@code NOT_OPEN}: private, or of another mode, for a quick join. */
  enum Refusal { ROOM_FULL, UNAVAILABLE, UNKNOWN_PLAYER, NOT_OPEN }
}
