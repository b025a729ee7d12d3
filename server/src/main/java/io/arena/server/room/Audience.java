package io.arena.server.room;

import akka.actor.typed.ActorRef;
import io.arena.protocol.StateFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who reads a room's frames: the edge nodes where its players are connected, each with how many
 * of its sockets read each state format. A room encodes only the formats someone reads, and sends
 * each edge only the ones its sockets read. Confined to its room.
 */
final class Audience {
  private static final int FORMATS = StateFormat.values().length;

  private final Map<ActorRef<RoomUpdate>, int[]> edges = new HashMap<>();
  private final int[] readers = new int[FORMATS];

  /** A socket joins; true when it is the first of its edge (which the room then watches). */
  boolean add(GameRoom.Connection connection) {
    int[] counts = edges.get(connection.edge());
    boolean firstOfEdge = counts == null;
    if (firstOfEdge) {
      counts = new int[FORMATS];
      edges.put(connection.edge(), counts);
    }
    counts[connection.format().ordinal()]++;
    readers[connection.format().ordinal()]++;
    return firstOfEdge;
  }

  /** A socket leaves; true when it was the last of its edge. */
  boolean remove(GameRoom.Connection connection) {
    int[] counts = edges.get(connection.edge());
    if (counts == null || counts[connection.format().ordinal()] == 0) {
      return false;
    }
    counts[connection.format().ordinal()]--;
    readers[connection.format().ordinal()]--;
    for (int count : counts) {
      if (count > 0) {
        return false;
      }
    }
    edges.remove(connection.edge());
    return true;
  }

  Set<ActorRef<RoomUpdate>> edges() {
    return edges.keySet();
  }

  /** Whether any socket reads {@code format}. */
  boolean reads(StateFormat format) {
    return readers[format.ordinal()] > 0;
  }

  /** Whether a socket of {@code edge} reads {@code format}. */
  boolean reads(ActorRef<RoomUpdate> edge, StateFormat format) {
    int[] counts = edges.get(edge);
    return counts != null && counts[format.ordinal()] > 0;
  }
}
