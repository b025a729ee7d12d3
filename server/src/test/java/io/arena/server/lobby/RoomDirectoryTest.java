package io.arena.server.lobby;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's copy of the room list: its order, filters and limits. */
class RoomDirectoryTest {
  private static final String NODE = "akka://game@127.0.0.1:25520";
  private final RoomDirectory directory = new RoomDirectory();

  private static RoomListing room(String id, String mode, int players) {
    return room(id, "arena", mode, players);
  }

  private static RoomListing room(String id, String game, String mode, int players) {
    return new RoomListing(id, game, mode, players, 4, NODE);
  }

  @Test
  void listsFullestFirstThenByIdWithinModeAndLimit() {
    directory.replace(List.of(room("b", "ffa", 2), room("a", "ffa", 2), room("c", "duel", 4),
        room("d", "ffa", 3)));
    assertEquals(List.of("c", "d", "a", "b"), directory.list(null, null, 100).stream().map(RoomListing::room).toList());
    assertEquals(List.of("d", "a"), directory.list(null, "ffa", 2).stream().map(RoomListing::room).toList());
    assertEquals(List.of(), directory.list(null, "ctf", 100));
  }

  @Test
  void aGameNarrowsTheListAndAQuickJoinsPoolIsItsGameAndMode() {
    directory.replace(List.of(room("a", "ffa", 2), room("t", "tictactoe", "ffa", 1)));
    assertEquals(List.of("t"), directory.list("tictactoe", null, 100).stream().map(RoomListing::room).toList());
    assertEquals(List.of("a"), directory.openRooms("arena", "ffa", 5));
    assertEquals(List.of("t"), directory.openRooms("tictactoe", "ffa", 5));
  }

  @Test
  void openRoomsAreThoseOfTheModeWithAFreeSeat() {
    directory.replace(List.of(room("full", "ffa", 4), room("half", "ffa", 2), room("nearly", "ffa", 3),
        room("other", "duel", 1)));
    assertEquals(List.of("nearly", "half"), directory.openRooms("arena", "ffa", 5));
    assertEquals(List.of("nearly"), directory.openRooms("arena", "ffa", 1));
    directory.replace(List.of());
    assertEquals(List.of(), directory.openRooms("arena", "ffa", 5), "a new list replaces the old");
  }
}
