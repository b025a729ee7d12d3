package io.arena.server.room;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms running on this node and their latest {@link RoomStatus}: each room replaces its own
 * entry as it ticks (no message; one small record per tick), and the operator views read them when
 * asked.
 */
public final class LocalRooms {
  private final Map<String, RoomStatus> rooms = new ConcurrentHashMap<>();

  void update(RoomStatus status) {
    rooms.put(status.id(), status);
  }

  /**
   * The room stopped. {@code last} is the status it published last: a newer copy of the same room
   * that already started here (it published a status of its own) stays.
   */
  void stopped(RoomStatus last) {
    rooms.computeIfPresent(last.id(), (id, current) -> current == last ? null : current);
  }

  /** The running room {@code roomId}, or null. */
  public RoomStatus get(String roomId) {
    return rooms.get(roomId);
  }

  public Collection<RoomStatus> all() {
    return rooms.values();
  }
}
