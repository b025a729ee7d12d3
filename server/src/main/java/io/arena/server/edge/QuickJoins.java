package io.arena.server.edge;

import io.arena.server.room.RandomIds;
import io.arena.server.room.RoomProfile;
import io.arena.server.lobby.RoomDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Where this edge's quick joins go (protocol/README.md sections 10 and 12): first the public rooms
 * of their pool (game and mode) with a free seat, fullest first, as this node's directory last saw
 * them; then the one room this edge keeps open for the pool. The edge opens a new room only when its own refused a
 * seat, so concurrent quick joins open at most one room per edge and mode beyond what the players
 * need, however stale the directory. The room itself decides each seat. Shared by the edge's event
 * loops.
 */
public final class QuickJoins {
  /** Listed rooms tried before this edge's own: each stale entry costs one refusal. */
  static final int LISTED_TRIED = 3;
  /**
   * Quick-join room ids are the mode (the game for games other than the arena), a dash and this
   * many letters and digits (62^10 of them).
   */
  private static final int ID_LENGTH = 10;

  private final RoomDirectory directory;
  private final RandomGenerator random;
  /** By pool ("game/mode"): the room this edge fills with its quick joins. */
  private final Map<String, String> openRooms = new HashMap<>();

  public QuickJoins(RoomDirectory directory, RandomGenerator random) {
    this.directory = directory;
    this.random = random;
  }

  /** Rooms to try, in order, for a quick join of {@code game} and {@code mode}: a new list, the caller's to consume. */
  List<String> candidates(String game, String mode) {
    List<String> rooms = new ArrayList<>(directory.openRooms(game, mode, LISTED_TRIED));
    String own = openRoom(game, mode);
    if (!rooms.contains(own)) {
      rooms.add(own);
    }
    return rooms;
  }

  /** The room this edge fills for the pool: a new one after the last one refused a seat. */
  synchronized String openRoom(String game, String mode) {
    String prefix = game.equals(RoomProfile.DEFAULT_GAME) ? mode : game;
    return openRooms.computeIfAbsent(game + "/" + mode,
        newRoom -> prefix + "-" + RandomIds.next(random, ID_LENGTH));
  }

  /** {@code room} refused a quick join: if it was this edge's own for the pool, the next is new. */
  synchronized void refused(String game, String mode, String room) {
    openRooms.remove(game + "/" + mode, room);
  }
}
