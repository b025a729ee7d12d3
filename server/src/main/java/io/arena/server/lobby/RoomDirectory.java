package io.arena.server.lobby;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * This node's copy of the cluster's public rooms, fullest first: what {@code GET /rooms} answers
 * and where quick join looks first. Written by {@link DirectorySync} when the replicated list
 * changes, read from any thread (the edge's event loops) without a lock.
 */
public final class RoomDirectory {
  private volatile List<RoomListing> rooms = List.of();

  /** The replicated list changed: this is all of it now. */
  public void replace(Collection<RoomListing> listings) {
    List<RoomListing> sorted = new ArrayList<>(listings);
    sorted.sort(RoomListing.FULLEST_FIRST);
    rooms = List.copyOf(sorted);
  }

  /**
   * Public rooms with players, of {@code game} and {@code mode} (any when null), fullest first, at
   * most {@code limit}.
   */
  public List<RoomListing> list(String game, String mode, int limit) {
    List<RoomListing> listed = new ArrayList<>(Math.min(limit, 16));
    for (RoomListing room : rooms) {
      if (listed.size() == limit) {
        break;
      }
      if ((game == null || room.game().equals(game)) && (mode == null || room.mode().equals(mode))) {
        listed.add(room);
      }
    }
    return listed;
  }

  /** The ids of the rooms listed as running on {@code node} (a cluster address). */
  public List<String> roomsOn(String node) {
    List<String> ids = new ArrayList<>();
    for (RoomListing room : rooms) {
      if (room.node().equals(node)) {
        ids.add(room.room());
      }
    }
    return ids;
  }

  /** Rooms of {@code game} and {@code mode} with a free seat, as last seen, fullest first, at most {@code limit}. */
  public List<String> openRooms(String game, String mode, int limit) {
    List<String> open = new ArrayList<>(limit);
    for (RoomListing room : rooms) {
      if (open.size() == limit) {
        break;
      }
      if (room.game().equals(game) && room.mode().equals(mode) && room.hasFreeSeat()) {
        open.add(room.room());
      }
    }
    return open;
  }
}
