package io.arena.server.edge;

import akka.actor.typed.ActorRef;
import io.arena.server.room.GameRoom;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCounted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One room's sockets on this node, grouped by event loop, so that a frame costs one task per
 * event loop, not one per socket. Changed only by the {@link EdgeRelay}; the groups are rebuilt on
 * each change (joins and leaves, rare next to frames), so a task reads a list nobody changes.
 */
final class RoomSockets {
  private record Group(EventLoop loop, PlayerSession[] sessions) {}

  private final ActorRef<GameRoom.Command> room;
  private final Map<Long, PlayerSession> members = new LinkedHashMap<>();
  private Group[] groups = new Group[0];

  RoomSockets(ActorRef<GameRoom.Command> room) {
    this.room = room;
  }

  ActorRef<GameRoom.Command> room() {
    return room;
  }

  void add(PlayerSession session) {
    if (members.putIfAbsent(session.socket().id(), session) == null) {
      regroup();
    }
  }

  void remove(long socket) {
    if (members.remove(socket) != null) {
      regroup();
    }
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  void forEach(Consumer<PlayerSession> action) {
    members.values().forEach(action);
  }

  /** A control frame (chat) for every socket; takes ownership of {@code wire}. */
  void deliver(ByteBuf wire) {
    deliver(wire, PlayerSession::onRoomFrame);
  }

  /** A tick's state for every socket; takes ownership of {@code state}. */
  void deliver(StateWire state) {
    deliver(state, PlayerSession::onRoomState);
  }

  /** How a session takes something shared from this room. */
  private interface Handoff<T> {
    void hand(PlayerSession session, RoomSockets from, T shared);
  }

  /**
   * Hands {@code shared} to every socket, on its own event loop, each batch in one task. Takes
   * ownership of {@code shared}: each task holds a reference until its sockets have taken it.
   */
  private <T extends ReferenceCounted> void deliver(T shared, Handoff<T> handoff) {
    for (Group group : groups) {
      shared.retain();
      try {
        group.loop().execute(() -> {
          try {
            for (PlayerSession session : group.sessions()) {
              handoff.hand(session, this, shared);
            }
          } finally {
            shared.release();
          }
        });
      } catch (RejectedExecutionException stopping) {
        shared.release();
      }
    }
    shared.release();
  }

  private void regroup() {
    Map<EventLoop, List<PlayerSession>> byLoop = new LinkedHashMap<>();
    for (PlayerSession session : members.values()) {
      byLoop.computeIfAbsent(session.socket().loop(), loop -> new ArrayList<>()).add(session);
    }
    Group[] regrouped = new Group[byLoop.size()];
    int i = 0;
    for (Map.Entry<EventLoop, List<PlayerSession>> entry : byLoop.entrySet()) {
      regrouped[i++] = new Group(entry.getKey(), entry.getValue().toArray(PlayerSession[]::new));
    }
    groups = regrouped;
  }
}
