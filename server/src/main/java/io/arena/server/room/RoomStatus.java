package io.arena.server.room;

import io.arena.server.config.CborSerializable;

/**
 * A running room as operators see it: the one record for a room's status, kept by the room in
 * {@link LocalRooms}, listed in the dashboard's node reports and answered by the operator API.
 *
 * @param shard the shard the room runs in
 * @param tickMicros the average time of its recent ticks
 * @param checkpointTick its last stored checkpoint's tick, -1 while it has none
 * @param restoredTick the checkpoint tick it started from, -1 for a new room
 */
public record RoomStatus(String id, String shard, int players, long tick, double tickMicros,
    long checkpointTick, long checkpointAtMillis, long startedAtMillis, long restoredTick)
    implements CborSerializable {

  /** Weight of the newest tick in the running average of tick durations: about the last 16. */
  private static final int AVERAGE_OVER_TICKS = 16;

  /** A room that started from the checkpoint at {@code restoredTick}, or anew (-1). */
  static RoomStatus started(String id, String shard, long restoredTick, long checkpointAtMillis,
      long startedAtMillis) {
    return new RoomStatus(id, shard, 0, Math.max(restoredTick, 0), 0, restoredTick,
        checkpointAtMillis, startedAtMillis, restoredTick);
  }

  RoomStatus ticked(long tick, long tookNanos, int players) {
    double took = tookNanos / 1000.0;
    double average = tickMicros == 0 ? took : tickMicros + (took - tickMicros) / AVERAGE_OVER_TICKS;
    return new RoomStatus(id, shard, players, tick, average, checkpointTick, checkpointAtMillis,
        startedAtMillis, restoredTick);
  }

  RoomStatus checkpointed(long tick, long atMillis) {
    return new RoomStatus(id, shard, players, this.tick, tickMicros, tick, atMillis,
        startedAtMillis, restoredTick);
  }
}
