package io.arena.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.arena.server.config.GameSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a room owes its ledger, without an actor system: beats are plain numbers at 20 Hz. */
class RoomJournalTest {
  private static final long SECOND = 20;

  private final RoomJournal journal = new RoomJournal(GameSettings.fromConfig(
      ConfigFactory.parseString("tick-hz = 20").withFallback(ConfigFactory.load().getConfig("game"))));

  private RoomLedger.Entry fact(int value) {
    return new RoomLedger.FactRecorded(journal.nextBatch(), new byte[] {(byte) value});
  }

  @Test
  void oneBatchAtATimeInOrderAndWhatCameMeanwhileGoesNext() {
    assertNull(journal.due(0), "nothing to write");
    journal.append(fact(1));
    journal.append(fact(2));
    RoomJournal.Batch first = journal.due(0);
    assertEquals(1, first.number());
    assertEquals(1, first.entries().get(0).batch());
    assertEquals(2, first.entries().size());
    journal.append(fact(3));
    assertEquals(2, journal.nextBatch(), "entries appended now name the next batch");
    assertNull(journal.due(1), "one batch under way at a time");
    assertTrue(journal.hasUnstored());
    assertSame(first, journal.stored(1));
    assertEquals(1, journal.storedThrough());
    RoomJournal.Batch second = journal.due(1);
    assertEquals(2, second.number());
    assertEquals(1, second.entries().size());
    journal.stored(2);
    assertFalse(journal.hasUnstored());
  }

  @Test
  void aFailedBatchGoesAgainTheSameAfterOneTwoFourThenEveryEightSeconds() {
    journal.append(fact(1));
    RoomJournal.Batch batch = journal.due(0);
    journal.append(fact(2));
    long beat = 0;
    for (long wait : new long[] {1, 2, 4, 8, 8}) {
      assertTrue(journal.failed(batch.number(), beat));
      assertNull(journal.due(beat + wait * SECOND - 1), "still backing off");
      beat += wait * SECOND;
      assertSame(batch, journal.due(beat), "the same batch, not one with more in it");
    }
    journal.stored(batch.number());
    assertEquals(2, journal.due(beat + 1).number(), "a success ends the backoff");
  }

  @Test
  void onceTheLedgerHasRecoveredTheBatchGoesAtOnceWhetherBackingOffOrUnderWay() {
    journal.append(fact(1));
    RoomJournal.Batch batch = journal.due(0);
    for (int i = 0; i < 4; i++) {
      journal.failed(batch.number(), 0);
    }
    assertNull(journal.due(SECOND), "backing off for 8 s");
    journal.retryNow();
    assertSame(batch, journal.due(SECOND), "the ledger is back: at once");
    assertNull(journal.due(SECOND + 1), "under way");
    journal.retryNow();
    assertSame(batch, journal.due(SECOND + 1), "the failed ledger never answers the one under way: again");
    assertFalse(journal.failed(batch.number() + 1, SECOND + 1));
    assertSame(batch, journal.stored(batch.number()));
  }

  @Test
  void aReplyForAnotherBatchChangesNothing() {
    journal.append(fact(1));
    RoomJournal.Batch batch = journal.due(0);
    assertNull(journal.stored(batch.number() + 1));
    assertFalse(journal.failed(batch.number() + 1, 0));
    assertSame(batch, journal.stored(batch.number()));
    assertNull(journal.stored(batch.number()), "a batch is applied once");
  }

  @Test
  void aStoppingRoomSendsTheBatchUnderWayAgainThenWhatWaits() {
    journal.append(fact(1));
    RoomJournal.Batch underWay = journal.due(0);
    journal.failed(underWay.number(), 0);
    journal.append(fact(2));
    List<RoomJournal.Batch> last = journal.drain();
    assertEquals(List.of(1L, 2L), last.stream().map(RoomJournal.Batch::number).toList());
  }

  @Test
  void aRecoveredRoomNumbersItsBatchesOnFromTheStoredOnes() {
    journal.recovered(41);
    journal.append(fact(1));
    assertEquals(42, journal.due(0).number());
    assertEquals(41, journal.storedThrough());
  }

  @Test
  void checkpointsGoOneAtATimeAndKeepTheNewestStoredTick() {
    assertEquals(-1, journal.checkpointTick());
    assertTrue(journal.checkpointDue(0));
    journal.checkpointStarted();
    assertFalse(journal.checkpointDue(20));
    journal.checkpointFailed(20);
    assertFalse(journal.checkpointDue(20 + SECOND - 1));
    assertTrue(journal.checkpointDue(20 + SECOND));
    journal.checkpointStored(40, 1_000);
    journal.checkpointStored(20, 900);
    assertEquals(40, journal.checkpointTick(), "an older checkpoint stored late does not count back");
  }
}
