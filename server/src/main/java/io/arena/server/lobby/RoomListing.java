package io.arena.server.lobby;

import io.arena.server.config.CborSerializable;
import java.util.Comparator;

/**
 * A public room as the room list shows it (protocol/README.md sections 10 and 12), and which node runs it:
 * the listings of a node that died are dropped by that.
 */
public record RoomListing(String room, String game, String mode, int players, int capacity,
    String node)
    implements CborSerializable {

  /** The list's order and quick join's preference: the fullest room first, then by id. */
  static final Comparator<RoomListing> FULLEST_FIRST =
      Comparator.comparingInt(RoomListing::players).reversed().thenComparing(RoomListing::room);

  public boolean hasFreeSeat() {
    return players < capacity;
  }
}
