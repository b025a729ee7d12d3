package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arena.protocol.Codec;
import io.arena.server.lobby.RoomDirectory;
import io.arena.server.lobby.RoomListing;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Where an edge sends quick joins: listed rooms first, then the one room it keeps open per game and mode. */
class QuickJoinsTest {
  private final RoomDirectory directory = new RoomDirectory();
  private final QuickJoins quickJoins = new QuickJoins(directory, new SplittableRandom(3));

  private static RoomListing room(String id, String mode, int players) {
    return new RoomListing(id, "arena", mode, players, 4, "akka://game@127.0.0.1:25520");
  }

  @Test
  void listedOpenRoomsComeFirstThenThisEdgesOwn() {
    directory.replace(IntStream.range(0, 5).mapToObj(i -> room("ffa-" + i, "ffa", i)).toList());
    String own = quickJoins.openRoom("arena", "ffa");
    assertEquals(List.of("ffa-3", "ffa-2", "ffa-1", own), quickJoins.candidates("arena", "ffa"),
        "the fullest rooms with a seat, at most " + QuickJoins.LISTED_TRIED + ", then the edge's own");
    assertTrue(own.startsWith("ffa-") && Codec.isValidRoomId(own), own);
  }

  @Test
  void theEdgesOwnRoomIsTriedOnceEvenWhenItIsListed() {
    String own = quickJoins.openRoom("arena", "ffa");
    directory.replace(List.of(room(own, "ffa", 2)));
    assertEquals(List.of(own), quickJoins.candidates("arena", "ffa"));
  }

  @Test
  void anEdgeOpensANewRoomOnlyWhenItsOwnRefused() {
    String first = quickJoins.openRoom("arena", "ffa");
    assertEquals(first, quickJoins.openRoom("arena", "ffa"), "concurrent quick joins share the edge's room");
    quickJoins.refused("arena", "ffa", "some-listed-room");
    assertEquals(first, quickJoins.openRoom("arena", "ffa"), "a listed room's refusal changes nothing here");
    quickJoins.refused("arena", "ffa", first);
    String second = quickJoins.openRoom("arena", "ffa");
    assertNotEquals(first, second);
    assertNotEquals(second, quickJoins.openRoom("arena", "duel"), "each mode has its own");
    String tictactoe = quickJoins.openRoom("tictactoe", "ffa");
    assertNotEquals(second, tictactoe, "each game has its own");
    assertTrue(tictactoe.startsWith("tictactoe-"), tictactoe);
  }
}
