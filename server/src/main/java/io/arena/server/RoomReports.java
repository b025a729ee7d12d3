package io.arena.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the rooms running on this node tell the operator dashboard. Each room writes a few numbers
 * into its own {@link Room} holder as it ticks (no message, no allocation per tick); the node's
 * {@link NodeReporter} reads them when the dashboard asks.
 */
public final class RoomReports {
  /** Weight of the newest tick in the running average of tick durations: about the last 16 ticks. */
  private static final int AVERAGE_OVER_TICKS = 16;

  private final Map<String, Room> rooms = new ConcurrentHashMap<>();

  /**
   * A room started, new ({@code restoredTick} -1) or from a checkpoint at {@code restoredTick}
   * taken at {@code checkpointAtMillis}; returns the holder the room reports into.
   */
  Room started(String roomId, long restoredTick, long checkpointAtMillis, long startedAtMillis) {
    Room room = new Room(restoredTick, startedAtMillis);
    room.checkpointed(restoredTick, checkpointAtMillis);
    rooms.put(roomId, room);
    return room;
  }

  /** The room stopped; a newer copy of the same room that already started stays. */
  void stopped(String roomId, Room room) {
    rooms.remove(roomId, room);
  }

  /** The running room {@code roomId}, or null. */
  Room get(String roomId) {
    return rooms.get(roomId);
  }

  /** One room's numbers: written by the room's actor only, read by the reporter at any time. */
  static final class Room {
    final long restoredTick;
    final long startedAtMillis;
    private volatile long tick;
    private volatile long tickNanosAverage;
    private volatile int players;
    private volatile long checkpointTick;
    private volatile long checkpointAtMillis;

    private Room(long restoredTick, long startedAtMillis) {
      this.restoredTick = restoredTick;
      this.startedAtMillis = startedAtMillis;
      this.tick = Math.max(restoredTick, 0);
    }

    void ticked(long tick, long tickNanos, int players) {
      this.tick = tick;
      this.players = players;
      long average = tickNanosAverage;
      tickNanosAverage = average == 0 ? tickNanos : average + (tickNanos - average) / AVERAGE_OVER_TICKS;
    }

    void checkpointed(long tick, long atMillis) {
      checkpointTick = tick;
      checkpointAtMillis = atMillis;
    }

    long tick() {
      return tick;
    }

    long tickNanosAverage() {
      return tickNanosAverage;
    }

    int players() {
      return players;
    }

    long checkpointTick() {
      return checkpointTick;
    }

    long checkpointAtMillis() {
      return checkpointAtMillis;
    }
  }
}
