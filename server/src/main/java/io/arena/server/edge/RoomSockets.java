package io.arena.server.edge;

import akka.actor.typed.ActorRef;
import io.arena.server.room.GameRoom;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
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

  /**
   * Hands {@code wire} to every socket, on its own event loop, each batch written in one task.
   * Takes ownership of {@code wire}: each task holds a reference until it has written.
   */
  void deliver(ByteBuf wire, boolean latestOnly) {
    for (Group group : groups) {
      wire.retain();
      try {
        group.loop().execute(() -> {
          try {
            for (PlayerSession session : group.sessions()) {
              session.onRoomFrame(this, wire, latestOnly);
            }
          } finally {
            wire.release();
          }
        });
      } catch (RejectedExecutionException stopping) {
        wire.release();
      }
    }
    wire.release();
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
