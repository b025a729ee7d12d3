package io.arena.server.room;

import java.util.concurrent.atomic.AtomicInteger;

/** How many rooms one node hosts, against {@code GAME_ROOMS_PER_NODE}; shared by its rooms. */
public final class RoomQuota {
  private final int limit;
  private final AtomicInteger rooms = new AtomicInteger();

  public RoomQuota(int limit) {
    this.limit = limit;
  }

  /**
   * Counts a room in. A new room (nobody ever joined it) only while under the limit; a room with
   * players always, so that rooms moving here after a failover are never turned away.
   */
  boolean admit(boolean hasPlayers) {
    while (true) {
      int current = rooms.get();
      if (!hasPlayers && current >= limit) {
        return false;
      }
      if (rooms.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  void release() {
    rooms.decrementAndGet();
  }
}
