package io.arena.server.lobby;

/** Where a room puts its listing: {@link DirectorySync} on its node, in production. */
public interface Listings {

  /** The room is public and has players: it is listed like this now. */
  void publish(RoomListing listing);

  /** The room stopped, emptied or turned out not to be listed: it leaves the list. */
  void withdraw(String room);
}
