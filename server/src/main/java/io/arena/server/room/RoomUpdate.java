package io.arena.server.room;

import akka.actor.typed.ActorRef;
import io.arena.server.config.CborSerializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * What a room sends to the edge nodes of its players: the delivery protocol the room defines and
 * the edge implements. Answers name the socket they are for ({@link GameRoom.Connection}); a
 * broadcast is for all of the room's sockets on the receiving edge.
 */
public sealed interface RoomUpdate extends CborSerializable {

  /**
   * A control frame (chat) for each of {@code room}'s sockets on the receiving edge, as the UTF-8
   * JSON text that goes on the wire, encoded once.
   */
  record Broadcast(ActorRef<GameRoom.Command> room, byte[] json) implements RoomUpdate {
    @Override
    public boolean equals(Object other) {
      return other instanceof Broadcast broadcast && room.equals(broadcast.room)
          && Arrays.equals(json, broadcast.json);
    }

    @Override
    public int hashCode() {
      return Objects.hash(room, Arrays.hashCode(json));
    }

    @Override
    public String toString() {
      return "Broadcast(" + room + ", " + new String(json, StandardCharsets.UTF_8) + ")";
    }
  }

  /**
   * The room's {@code state} of {@code tick} for each of its sockets on the receiving edge, in the
   * formats they read, each encoded once per room and tick: {@code json} (null if no socket there
   * reads JSON), and the compact {@code keyframe} and {@code delta} against the tick before (null
   * if no socket there reads compact frames; the delta also when there is no such base). A game
   * without a binary form has no keyframe: its compact readers get {@code json}. {@code own}: by
   * socket, the whole JSON frame of a player with a view of its own (section 12.4), which it gets
   * instead. A state is superseded by the next: a slow client gets only the newest.
   */
  record State(ActorRef<GameRoom.Command> room, long tick, byte[] json, byte[] delta,
      byte[] keyframe, Map<Long, byte[]> own) implements RoomUpdate {

    public State {
      own = own == null ? Map.of() : own;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof State state && room.equals(state.room) && tick == state.tick
          && Arrays.equals(json, state.json) && Arrays.equals(delta, state.delta)
          && Arrays.equals(keyframe, state.keyframe) && own.keySet().equals(state.own.keySet()))) {
        return false;
      }
      return own.entrySet().stream()
          .allMatch(entry -> Arrays.equals(entry.getValue(), state.own.get(entry.getKey())));
    }

    @Override
    public int hashCode() {
      return Objects.hash(room, tick, Arrays.hashCode(json), Arrays.hashCode(delta),
          Arrays.hashCode(keyframe), own.keySet());
    }

    @Override
    public String toString() {
      return "State(" + room + ", " + tick + ", "
          + (json == null ? "no json" : new String(json, StandardCharsets.UTF_8)) + ", "
          + (delta == null ? "no delta" : delta.length + "-byte delta") + ", "
          + (keyframe == null ? "no keyframe" : keyframe.length + "-byte keyframe") + ", "
          + own.size() + " own frames)";
    }
  }

  /**
   * The socket is in the room, and receives its broadcasts from now on. {@code game}: the room's;
   * {@code tickRate} 0 for a turn-based game.
   */
  record JoinAccepted(long socket, String room, String game, String playerId, String name,
      long tick, int tickRate, long lastSeq, ActorRef<GameRoom.Command> roomRef)
      implements RoomUpdate {}

  /** {@code detail}: what the player reads, for the refusals that need one, else null. */
  record JoinRefused(long socket, String room, Refusal reason, String detail) implements RoomUpdate {

    public JoinRefused(long socket, String room, Refusal reason) {
      this(socket, room, reason, null);
    }
  }

  /** The game's rules refused an input of the socket's player ({@code bad_move}, with {@code reason}). */
  record InputRefused(long socket, ActorRef<GameRoom.Command> room, long seq, String reason)
      implements RoomUpdate {}

  /**
   * The socket no longer speaks for its player in {@code room}: it left, it dropped, or (when
   * {@code takenOver}) the player connected again elsewhere and is still in the room.
   */
  record Released(long socket, ActorRef<GameRoom.Command> room, boolean takenOver)
      implements RoomUpdate {}

  /**
   * Why a room did not seat a join. {@code NOT_OPEN}: private, or of another pool, for a quick
   * join; {@code UNKNOWN_GAME}: the room's game is not hosted here; {@code WRONG_GAME}: the join
   * named another game than the room's; {@code GAME_REFUSED}: the game's own rules said no.
   */
  enum Refusal { ROOM_FULL, UNAVAILABLE, UNKNOWN_PLAYER, NOT_OPEN, UNKNOWN_GAME, WRONG_GAME, GAME_REFUSED }
}
