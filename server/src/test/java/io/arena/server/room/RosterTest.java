package io.arena.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arena.protocol.StateFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The room's seating rules, without an actor system: sockets are plain values here (a room that
 * loses an edge node is in GameRoomTest).
 */
class RosterTest {
  private static final int CAPACITY = 2;
  private static final GameRoom.Connection SOCKET_1 = new GameRoom.Connection(null, 1, StateFormat.JSON);

  private final Roster roster = new Roster(CAPACITY);

  private Player seat(String id, long tick) {
    roster.know(id, "name of " + id);
    Player player = new Player(id, "name of " + id, 0);
    roster.add(player, tick);
    return player;
  }

  @Test
  void newPlayersGetSeatsUntilTheRoomIsFullCountingJoinsBeingStored() {
    assertEquals(Roster.Seat.STORE, roster.seatFor(null, false));
    seat("a", 0);
    roster.joinPending("b");
    assertEquals(Roster.Seat.ROOM_FULL, roster.seatFor(null, false), "a pending join holds its seat");
    assertEquals(Roster.Seat.ROOM_FULL, roster.seatFor("c", false));
    assertEquals(Roster.Seat.UNAVAILABLE, roster.seatFor("b", false), "b's join is being stored");
    roster.joinSettled("b");
    assertEquals(Roster.Seat.STORE, roster.seatFor("c", false));
  }

  @Test
  void aPlayerInTheRoomIsAttachedEvenWhenTheRoomIsFull() {
    seat("a", 0);
    seat("b", 0);
    assertEquals(Roster.Seat.ATTACH, roster.seatFor("a", false));
    assertEquals(Roster.Seat.ATTACH, roster.seatFor("a", true), "a closing room still takes its own players back");
  }

  @Test
  void aClosingRoomOrAPlayerOnItsWayOutIsUnavailableNotFull() {
    Player leaving = seat("a", 0);
    leaving.leaving = true;
    assertEquals(Roster.Seat.UNAVAILABLE, roster.seatFor("a", false), "rejoin after the leave is stored");
    assertEquals(Roster.Seat.UNAVAILABLE, roster.seatFor(null, true));
    assertNull(roster.active("a"));
    assertSame(leaving, roster.get("a"));
  }

  @Test
  void detachingStartsThePlayersGracePeriod() {
    Player ada = seat("a", 0);
    roster.attach(ada, SOCKET_1);
    assertTrue(ada.connected());
    assertEquals(1, roster.connected());
    assertSame(SOCKET_1, roster.detach(ada, 40));
    assertNull(roster.detach(ada, 41), "a second detach releases nothing");
    assertEquals(0, roster.connected());
    assertFalse(ada.connected());

    assertEquals(List.of(), roster.disconnectedPast(40 + 39, 40), "within the grace period");
    assertEquals(List.of(ada), roster.disconnectedPast(40 + 40, 40), "grace period over");
    ada.leaving = true;
    assertEquals(List.of(), roster.disconnectedPast(40 + 41, 40), "already on its way out");
  }

  @Test
  void theLongestGoneAreForgottenBeyondTheDepartedKept() {
    seat("a", 0);
    roster.departed("x", 5);
    roster.departed("y", 6);
    roster.departed("z", 7);
    assertEquals(List.of("x"), roster.beyondDeparted(2));
    assertEquals(List.of("x", "y", "z"), roster.beyondDeparted(0));
    assertEquals(6, roster.departedLastSeq("y"), "a departed player comes back with its acks");
    roster.forget(List.of("x"));
    assertNull(roster.nameOf("x"));
    assertEquals(List.of(), roster.beyondDeparted(2));
  }

  @Test
  void theRoomIsIdleOnlyAfterTheLastSocketHasBeenGoneLongEnough() {
    roster.startedAt(100);
    assertFalse(roster.isIdle(199, 100));
    assertTrue(roster.isIdle(200, 100));
    Player ada = seat("a", 200);
    roster.attach(ada, SOCKET_1);
    assertFalse(roster.isIdle(1000, 100), "someone is connected");
    roster.detach(ada, 1000);
    assertFalse(roster.isIdle(1099, 100));
    assertTrue(roster.isIdle(1100, 100));
  }

  @Test
  void guestIdsAreValidAndNeverOneTheRoomKnows() {
    SplittableRandom random = new SplittableRandom(7);
    String first = roster.newGuestId(new SplittableRandom(7));
    roster.know(first, "Ada");
    String second = roster.newGuestId(random);
    assertTrue(PlayerIds.isValid(second));
    assertNotEquals(first, second, "the same random draw is skipped once its id is taken");
    roster.forget(List.of(first));
    assertNull(roster.nameOf(first));
    assertFalse(roster.knowsAnyone());
  }
}
