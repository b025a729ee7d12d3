package io.arena.server.edge;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.arena.protocol.StateFormat;
import io.arena.server.room.GameRoom;
import io.arena.server.room.RoomUpdate;
import io.netty.buffer.ByteBufAllocator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * One per edge node: what rooms send to this node's sockets ({@link RoomUpdate}), handed to
 * each socket's session on its own event loop. A room sends a frame once per node and tick; this
 * frames it for the wire once and every local socket of the room writes that same buffer. It
 * watches the rooms its sockets are in, so their sessions re-attach when a room stops or its node
 * dies.
 */
public final class EdgeRelay extends AbstractBehavior<RoomUpdate> {

  public static Behavior<RoomUpdate> create(Sockets sockets) {
    return Behaviors.setup(ctx -> new EdgeRelay(ctx, sockets));
  }

  private final Sockets sockets;
  private final ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
  private final Map<ActorRef<GameRoom.Command>, RoomSockets> rooms = new HashMap<>();

  private EdgeRelay(ActorContext<RoomUpdate> ctx, Sockets sockets) {
    super(ctx);
    this.sockets = sockets;
  }

  @Override
  public Receive<RoomUpdate> createReceive() {
    return newReceiveBuilder()
        .onMessage(RoomUpdate.State.class, this::onState)
        .onMessage(RoomUpdate.Broadcast.class, this::onBroadcast)
        .onMessage(RoomUpdate.JoinAccepted.class, this::onJoinAccepted)
        .onMessage(RoomUpdate.JoinRefused.class, this::onJoinRefused)
        .onMessage(RoomUpdate.Released.class, this::onReleased)
        .onMessage(RoomUpdate.InputRefused.class, this::onInputRefused)
        .onSignal(Terminated.class, this::onRoomStopped)
        .build();
  }

  private Behavior<RoomUpdate> onState(RoomUpdate.State state) {
    RoomSockets room = rooms.get(state.room());
    if (room != null) {
      room.deliver(StateWire.of(allocator, state));
    }
    return this;
  }

  private Behavior<RoomUpdate> onBroadcast(RoomUpdate.Broadcast broadcast) {
    RoomSockets room = rooms.get(broadcast.room());
    if (room != null) {
      room.deliver(WireFrames.text(allocator, broadcast.json()));
    }
    return this;
  }

  private Behavior<RoomUpdate> onJoinAccepted(RoomUpdate.JoinAccepted accepted) {
    PlayerSession session = sockets.get(accepted.socket());
    if (session == null) {
      // The socket closed while it joined: nobody is here.
      accepted.roomRef().tell(new GameRoom.Disconnect(accepted.playerId(),
          new GameRoom.Connection(getContext().getSelf(), accepted.socket(), StateFormat.JSON)));
      return this;
    }
    RoomSockets room = rooms.computeIfAbsent(accepted.roomRef(), ref -> {
      getContext().watch(ref);
      return new RoomSockets(ref);
    });
    room.add(session);
    post(session, () -> session.onJoinAccepted(accepted, room));
    return this;
  }

  private Behavior<RoomUpdate> onJoinRefused(RoomUpdate.JoinRefused refused) {
    PlayerSession session = sockets.get(refused.socket());
    if (session != null) {
      post(session, () -> session.onJoinRefused(refused.room(), refused.reason(), refused.detail()));
    }
    return this;
  }

  private Behavior<RoomUpdate> onReleased(RoomUpdate.Released released) {
    RoomSockets room = rooms.get(released.room());
    if (room == null) {
      return this;
    }
    room.remove(released.socket());
    if (room.isEmpty()) {
      rooms.remove(released.room());
      getContext().unwatch(released.room());
    }
    PlayerSession session = sockets.get(released.socket());
    if (released.takenOver() && session != null) {
      post(session, () -> session.onTakenOver(room));
    }
    return this;
  }

  private Behavior<RoomUpdate> onInputRefused(RoomUpdate.InputRefused refused) {
    RoomSockets room = rooms.get(refused.room());
    PlayerSession session = sockets.get(refused.socket());
    if (room != null && session != null) {
      post(session, () -> session.onInputRefused(room, refused.reason()));
    }
    return this;
  }

  private Behavior<RoomUpdate> onRoomStopped(Terminated terminated) {
    RoomSockets room = rooms.remove(terminated.getRef());
    if (room != null) {
      room.forEach(session -> post(session, () -> session.onRoomStopped(room)));
    }
    return this;
  }

  /** Runs {@code task} on the session's event loop; a loop that is shutting down takes nothing. */
  private static void post(PlayerSession session, Runnable task) {
    try {
      session.socket().loop().execute(task);
    } catch (RejectedExecutionException stopping) {
      // the node is stopping: its sockets are closing anyway
    }
  }
}
