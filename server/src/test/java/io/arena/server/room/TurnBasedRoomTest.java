package io.arena.server.room;

import static io.arena.server.room.RoomHarness.REAL_WAIT;
import static io.arena.server.room.RoomHarness.info;
import static io.arena.server.room.RoomHarness.SOCKET;
import static io.arena.server.room.RoomHarness.journal;
import static io.arena.server.room.RoomHarness.manualTime;
import static io.arena.server.room.RoomHarness.on;
import static io.arena.server.room.RoomHarness.spawnRoom;
import static io.arena.server.room.RoomHarness.testKit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.persistence.typed.PersistenceId;
import com.fasterxml.jackson.databind.JsonNode;
import io.arena.server.testing.WsClient;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bundled turn-based games through the real room (the sharded entity with its ledger, on
 * Akka's in-memory journal and manual time), beside their rules through the test kit: a move shows
 * only once stored, and a pick only in its own player's frame.
 */
@ExtendWith(RoomHarness.Running.class)
class TurnBasedRoomTest {

  private static RoomUpdate.JoinAccepted join(ActorRef<GameRoom.Command> room, TestProbe<RoomUpdate> player,
      String name, String game) {
    room.tell(new GameRoom.Join(name, null, on(player), game, "default", false, false));
    return player.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT);
  }

  /** A room with Ada and Bob seated, in that order. */
  private record Table(ActorRef<GameRoom.Command> room, TestProbe<RoomUpdate> ada,
      TestProbe<RoomUpdate> bob, String adaId, String bobId) {}

  private static Table seatAdaAndBob(String roomId, String game) {
    ActorRef<GameRoom.Command> room = spawnRoom(roomId);
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    TestProbe<RoomUpdate> bob = testKit.createTestProbe();
    String adaId = join(room, ada, "Ada", game).playerId();
    return new Table(room, ada, bob, adaId, join(room, bob, "Bob", game).playerId());
  }

  /** The next state {@code player} receives that {@code matches}: its own frame, or the shared one. */
  private static JsonNode stateWhere(TestProbe<RoomUpdate> player, Predicate<JsonNode> matches) {
    var received = player.fishForMessage(REAL_WAIT, update -> update instanceof RoomUpdate.State state
        && matches.test(frameOf(state)) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return frameOf((RoomUpdate.State) received.get(received.size() - 1));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * {@code count} of a turn-based room's beats (500 ms of manual time each), each followed by a
   * moment of real time for the room to take in what the last one did.
   */
  private static void beats(int count) {
    for (int beat = 0; beat < count; beat++) {
      manualTime.timePasses(Duration.ofMillis(500));
      sleep(Duration.ofMillis(100));
    }
  }

  private static JsonNode frameOf(RoomUpdate.State state) {
    byte[] own = state.own().get(SOCKET);
    try {
      return WsClient.JSON.readTree(own != null ? own : state.json());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aTicTacToeMoveShowsOnlyOnceStoredEvenWhenTheJournalFailsFirst() {
    ActorRef<GameRoom.Command> room = spawnRoom("board-harness");
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    TestProbe<RoomUpdate> bob = testKit.createTestProbe();
    RoomUpdate.JoinAccepted adaJoined = join(room, ada, "Ada", "tictactoe");
    assertEquals("tictactoe", adaJoined.game());
    assertEquals(0, adaJoined.tickRate(), "a turn-based game has no tick");
    join(room, bob, "Bob", "tictactoe");
    String adaId = adaJoined.playerId();
    stateWhere(bob, state -> adaId.equals(state.path("turn").asText()));

    journal.failNextPersisted(PersistenceId.of(GameRoom.ENTITY_KEY.name(), "board-harness").id());
    room.tell(new GameRoom.ApplyInput(adaId, 1, new double[] {4}));
    bob.expectNoMessage(Duration.ofMillis(500)); // the move is not shown while it is not stored
    // The write's timeout and the retry after its backoff run on the room's (manual) clock.
    beats(10);
    JsonNode moved = stateWhere(bob, state -> state.path("board").asText().equals("....X...."));
    assertEquals(1, moved.path("acks").path(adaId).asLong(), "its ack shows with it");
    assertFalse(adaId.equals(moved.path("turn").asText()), "Bob's turn");
  }

  @Test
  void aTicTacToePlayerWhoDropsKeepsItsSeatForTheWholeGrace() {
    Table table = seatAdaAndBob("grace-harness", "tictactoe");
    ActorRef<GameRoom.Command> room = table.room();
    TestProbe<RoomUpdate> bob = table.bob();
    String adaId = table.adaId();
    stateWhere(bob, state -> state.path("players").size() == 2);

    room.tell(new GameRoom.Disconnect(adaId, on(table.ada())));
    stateWhere(bob, state -> !WsClient.player(state, adaId).path("connected").asBoolean(true));
    // The harness's grace is 2 s: the room's housekeeping beats (2 a second) count it.
    beats(3);
    assertTrue(info(room).players().stream().anyMatch(player -> player.id().equals(adaId)),
        "1.5 s into her 2 s grace, Ada keeps her seat");
    beats(3);
    stateWhere(bob, state -> state.path("players").size() == 1);
  }

  @Test
  void aRockPaperScissorsPickIsInItsPlayersFrameAloneUntilBothPicked() {
    Table table = seatAdaAndBob("picks-harness", "rps");
    ActorRef<GameRoom.Command> room = table.room();
    TestProbe<RoomUpdate> ada = table.ada();
    TestProbe<RoomUpdate> bob = table.bob();
    String adaId = table.adaId();
    String bobId = table.bobId();
    stateWhere(bob, state -> state.path("round").asInt() == 1);

    room.tell(new GameRoom.ApplyInput(adaId, 1, new double[] {0})); // rock
    stateWhere(ada, state -> "rock".equals(state.path("you").path("pick").asText()));
    JsonNode seenByBob = stateWhere(bob, state -> state.path("players").toString().contains("\"picked\":true"));
    assertFalse(seenByBob.toString().contains("rock"), () -> "Bob saw Ada's pick: " + seenByBob);

    room.tell(new GameRoom.ApplyInput(bobId, 1, new double[] {1})); // paper
    JsonNode result = stateWhere(bob, state -> state.path("last").path("round").asInt() == 1);
    assertEquals("rock", result.path("last").path("picks").path(adaId).asText());
    assertEquals(bobId, result.path("last").path("winner").asText());
  }
}
