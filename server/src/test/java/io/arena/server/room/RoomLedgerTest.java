package io.arena.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.pattern.StatusReply;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.typed.PersistenceId;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's rules, and that everything it acknowledged survives a restart. */
class RoomLedgerTest {
  private static final RoomProfile BOARD = new RoomProfile("tictactoe", "duel", false);
  private static ActorTestKit testKit;
  private EventSourcedBehaviorTestKit<RoomLedger.Command, RoomLedger.Event, RoomLedger.State> ledger;
  private TestProbe<RoomLedger.Ready> room;

  @BeforeAll
  static void startTestKit() {
    testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
        .withFallback(ConfigFactory.parseResources("serialization.conf")));
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void freshLedger() {
    room = testKit.createTestProbe();
    ledger = EventSourcedBehaviorTestKit.create(testKit.system(),
        RoomLedger.create(PersistenceId.of(GameRoom.ENTITY_KEY.name(), "room-1"), room.ref()));
    ledger.clear();
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<RoomLedger.Command, RoomLedger.Event,
      RoomLedger.State, StatusReply<Done>> batch(long number, RoomLedger.Entry... entries) {
    return ledger.runCommand(replyTo -> new RoomLedger.RecordBatch(number, BOARD, List.of(entries), replyTo));
  }

  private static RoomLedger.FactRecorded fact(long batch, int value) {
    return new RoomLedger.FactRecorded(batch, new byte[] {(byte) value});
  }

  @Test
  void aBatchIsStoredWholeBeforeItIsAcknowledgedAndTheFirstStoresWhatTheRoomIs() {
    var result = batch(1, new RoomLedger.PlayerJoined(1, "p1", "Ada"), fact(1, 7));
    assertTrue(result.reply().isSuccess());
    assertEquals(List.of(new RoomLedger.RoomOpened(BOARD), new RoomLedger.PlayerJoined(1, "p1", "Ada"),
        fact(1, 7)), result.events());
    assertEquals(BOARD, result.state().profile());
    assertEquals(new RoomLedger.Member("Ada", true, 0, 0), result.state().members().get("p1"));
    assertEquals(2, result.state().tail().size());
    assertEquals(1, result.state().lastBatch());
    assertEquals(List.of(fact(2, 8)), batch(2, fact(2, 8)).events(), "what the room is, once");
  }

  @Test
  void aBatchSentAgainIsAcknowledgedAndStoredOnce() {
    batch(1, fact(1, 1));
    var again = batch(1, fact(1, 1));
    assertTrue(again.reply().isSuccess());
    assertTrue(again.events().isEmpty(), "a retry after a lost reply stores nothing twice");
    assertEquals(1, again.state().tail().size());
  }

  @Test
  void aDepartedPlayerKeepsItsLastInputUntilForgottenInTheOrderTheyLeft() {
    batch(1, new RoomLedger.PlayerJoined(1, "p1", "Ada"), new RoomLedger.PlayerJoined(1, "p2", "Bob"));
    batch(2, new RoomLedger.PlayerLeft(2, "p1", 9));
    RoomLedger.State state = batch(3, new RoomLedger.PlayerLeft(3, "p2", 4)).state();
    assertEquals(new RoomLedger.Member("Ada", false, 9, 1), state.members().get("p1"));
    assertEquals(new RoomLedger.Member("Bob", false, 4, 2), state.members().get("p2"));
    state = batch(4, new RoomLedger.PlayerJoined(4, "p1", "Ada")).state();
    assertEquals(new RoomLedger.Member("Ada", true, 9, 0), state.members().get("p1"),
        "back in the room with its acks");
    state = batch(5, new RoomLedger.DepartedForgotten(5, List.of("p2"))).state();
    assertNull(state.members().get("p2"));
  }

  @Test
  void aCheckpointDropsTheEntriesOfTheBatchesItCovers() {
    batch(1, new RoomLedger.PlayerJoined(1, "p1", "Ada"));
    batch(2, fact(2, 1));
    batch(3, fact(3, 2));
    RoomLedger.Checkpoint checkpoint = new RoomLedger.Checkpoint(40, 1_000, 2, Map.of("p1", 5L), new byte[] {42});
    var result = ledger.<StatusReply<Done>>runCommand(replyTo -> new RoomLedger.RecordCheckpoint(checkpoint, replyTo));
    assertTrue(result.reply().isSuccess());
    assertEquals(checkpoint, result.state().checkpoint());
    assertEquals(List.of(fact(3, 2)), result.state().tail(), "batch 3 came after the checkpoint's state");
    assertTrue(result.state().isPresent("p1"), "membership outlives the entries");
  }

  @Test
  void everythingAcknowledgedSurvivesARestart() {
    batch(1, new RoomLedger.PlayerJoined(1, "p1", "Ada"), fact(1, 3));
    ledger.<StatusReply<Done>>runCommand(replyTo -> new RoomLedger.RecordCheckpoint(
        new RoomLedger.Checkpoint(20, 1_000, 1, Map.of("p1", 2L), new byte[] {1, 2}), replyTo));
    batch(2, fact(2, 4), new RoomLedger.PlayerLeft(2, "p1", 6));
    RoomLedger.State before = ledger.getState();
    ledger.restart();
    assertEquals(before, ledger.getState());
    assertFalse(ledger.getState().isPresent("p1"));
    assertEquals(2, ledger.getState().lastBatch());
  }

  @Test
  void stateSurvivesRestartAcrossSnapshots() {
    batch(1, new RoomLedger.PlayerJoined(1, "p1", "Ada"));
    for (int b = 2; b < 260; b++) {
      batch(b, fact(b, b));
    }
    RoomLedger.State before = ledger.getState();
    ledger.restart();
    assertEquals(before, ledger.getState());
    assertEquals(259, ledger.getState().lastBatch());
  }

  @Test
  void theRoomHearsEveryTimeTheLedgerHasRecoveredSoAWaitingWriteNeedNotWaitOutItsBackoff() {
    batch(1, fact(1, 2));
    // Recovered at start, and once more if clear() restarted it; then nothing until a restart.
    int atStart = 0;
    for (boolean quiet = false; !quiet; ) {
      try {
        room.expectMessageClass(RoomLedger.Ready.class, Duration.ofMillis(300));
        atStart++;
      } catch (AssertionError nothingMore) {
        quiet = true;
      }
    }
    assertTrue(atStart >= 1, "the room heard the first recovery");
    ledger.restart();
    room.expectMessageClass(RoomLedger.Ready.class);
    room.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void getStateAnswersWithoutWriting() {
    var result = ledger.<RoomLedger.State>runCommand(RoomLedger.GetState::new);
    assertTrue(result.events().isEmpty());
    assertEquals(RoomLedger.State.EMPTY, result.reply());
  }
}
