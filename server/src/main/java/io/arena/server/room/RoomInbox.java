package io.arena.server.room;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.arena.server.config.CborSerializable;
import java.util.List;

/**
 * One per game node, at {@code /user/room-inbox}: takes the inputs that an edge node gathered for
 * this node's rooms, as one message per edge event loop and short window instead of one remote
 * message per input, and hands each room its own in one local message, in the order they came.
 */
public final class RoomInbox {

  public static final String NAME = "room-inbox";

  /** One room's inputs, in the order its players sent them. */
  public record RoomInputs(ActorRef<GameRoom.Command> room, List<GameRoom.ApplyInput> inputs) {}

  /** Inputs for rooms of this node, gathered by one edge event loop (serialized by {@link HotMessageSerializer}). */
  public record Inputs(List<RoomInputs> rooms) implements CborSerializable {}

  private RoomInbox() {}

  public static Behavior<Inputs> create() {
    return Behaviors.receiveMessage(inputs -> {
      for (RoomInputs room : inputs.rooms()) {
        room.room().tell(new GameRoom.ApplyInputs(room.inputs()));
      }
      return Behaviors.same();
    });
  }
}
