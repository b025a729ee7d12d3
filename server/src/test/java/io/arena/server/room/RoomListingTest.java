package io.arena.server.room;

import static io.arena.server.room.RoomHarness.LISTINGS;
import static io.arena.server.room.RoomHarness.REAL_WAIT;
import static io.arena.server.room.RoomHarness.SOCKET;
import static io.arena.server.room.RoomHarness.on;
import static io.arena.server.room.RoomHarness.spawnRoom;
import static io.arena.server.room.RoomHarness.testKit;
import static io.arena.server.room.RoomHarness.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.arena.server.lobby.RoomListing;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Modes, private rooms, quick joins and the room list, as one room decides them
 * (protocol/README.md section 10). The harness records what rooms publish to the list.
 */
@ExtendWith(RoomHarness.Running.class)
class RoomListingTest {
  private static RoomUpdate answerTo(ActorRef<GameRoom.Command> room, String mode, boolean isPrivate,
      boolean quick) {
    TestProbe<RoomUpdate> player = testKit.createTestProbe();
    room.tell(new GameRoom.Join("p", null, on(player), null, mode, isPrivate, quick));
    return player.receiveMessage(REAL_WAIT);
  }

  private static RoomUpdate.JoinRefused notOpen(String room) {
    return new RoomUpdate.JoinRefused(SOCKET, room, RoomUpdate.Refusal.NOT_OPEN);
  }

  /** Waits (in real time) until {@code listing} holds: rooms publish once a join is stored. */
  private static RoomListing awaitListing(Supplier<RoomListing> listing, RoomListing expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + REAL_WAIT.toNanos();
    while (!Objects.equals(listing.get(), expected) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return listing.get();
  }

  @Test
  void theJoinThatCreatesARoomSetsItsModeAndLaterJoinsByIdEnterWhateverTheirMode() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("duel-1");
    assertEquals(RoomUpdate.JoinAccepted.class, answerTo(room, "duel", false, false).getClass());
    assertEquals(RoomUpdate.JoinAccepted.class, answerTo(room, "ctf", false, false).getClass(),
        "a join by id enters a room of another mode");
    assertEquals(notOpen("duel-1"), answerTo(room, "ctf", false, true), "a quick join of another mode does not");
    assertEquals(RoomUpdate.JoinAccepted.class, answerTo(room, "duel", false, true).getClass());
    String node = testKit.system().address().toString();
    assertEquals(new RoomListing("duel-1", "arena", "duel", 3, RoomHarness.CAPACITY, node),
        awaitListing(() -> LISTINGS.of("duel-1"), new RoomListing("duel-1", "arena", "duel", 3, RoomHarness.CAPACITY, node)));
    assertEquals(RoomUpdate.Refusal.ROOM_FULL,
        ((RoomUpdate.JoinRefused) answerTo(room, "duel", false, true)).reason(), "capacity holds for quick joins");
  }

  @Test
  void aPrivateRoomIsNeverListedNorPickedByQuickJoinEvenAfterARestart() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("secret");
    TestProbe<RoomUpdate> owner = testKit.createTestProbe();
    room.tell(new GameRoom.Join("Owner", null, on(owner), null, "default", true, false));
    owner.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT);
    assertEquals(notOpen("secret"), answerTo(room, "default", false, true));
    assertEquals(RoomUpdate.JoinAccepted.class, answerTo(room, "default", false, false).getClass(),
        "anyone with its id may join");
    tick(owner);
    assertNull(LISTINGS.of("secret"));

    TestProbe<Object> watcher = testKit.createTestProbe();
    room.tell(new GameRoom.Stop());
    watcher.expectTerminated(room, REAL_WAIT);
    ActorRef<GameRoom.Command> restarted = spawnRoom("secret");
    assertEquals(notOpen("secret"), answerTo(restarted, "default", false, true), "private is stored");
    assertNull(LISTINGS.of("secret"));
  }

  @Test
  void aListedRoomFollowsItsPlayersAndLeavesTheListWhenItEmptiesOrStops() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("public-1");
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    room.tell(new GameRoom.Join("Ada", null, on(ada), null, "ctf", false, true));
    String adaId = ada.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT).playerId();
    TestProbe<RoomUpdate> bob = testKit.createTestProbe();
    room.tell(new GameRoom.Join("Bob", null, on(bob), null, "ctf", false, true));
    String bobId = bob.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT).playerId();
    String node = testKit.system().address().toString();
    RoomListing two = new RoomListing("public-1", "arena", "ctf", 2, RoomHarness.CAPACITY, node);
    assertEquals(two, awaitListing(() -> LISTINGS.of("public-1"), two), "a fresh room takes the quick join's mode");

    room.tell(new GameRoom.Leave(adaId));
    RoomListing one = new RoomListing("public-1", "arena", "ctf", 1, RoomHarness.CAPACITY, node);
    assertEquals(one, awaitListing(() -> LISTINGS.of("public-1"), one), "listed with the players left");
    room.tell(new GameRoom.Leave(bobId));
    assertNull(awaitListing(() -> LISTINGS.of("public-1"), null), "an empty room is not listed");

    TestProbe<RoomUpdate> cy = testKit.createTestProbe();
    room.tell(new GameRoom.Join("Cy", null, on(cy), null, "ctf", false, false));
    cy.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT);
    assertEquals(one, awaitListing(() -> LISTINGS.of("public-1"), one));
    TestProbe<Object> watcher = testKit.createTestProbe();
    room.tell(new GameRoom.Stop());
    watcher.expectTerminated(room, REAL_WAIT);
    assertNull(LISTINGS.of("public-1"), "a stopped room leaves the list");
  }
}
