package io.arena.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.arena.server.config.GameSettings;
import org.junit.jupiter.api.Test;

/** What a room owes its ledger, without an actor system: ticks are plain numbers at 20 Hz. */
class DurableWritesTest {
  private static final long SECOND = 20;

  private final DurableWrites writes = new DurableWrites(GameSettings.fromConfig(
      ConfigFactory.parseString("tick-hz = 20").withFallback(ConfigFactory.load().getConfig("game"))));

  @Test
  void framesShowOnlyTheStoredScoreWhileAWriteIsUnderWay() {
    writes.track("p", 3);
    writes.earned("p");
    writes.earned("p");
    assertEquals(5, writes.scoreDue("p", 1));
    assertEquals(-1, writes.scoreDue("p", 2), "one score write at a time");
    assertEquals(3, writes.storedScore("p"), "not shown before it is stored");
    writes.earned("p");
    assertTrue(writes.scoreStored("p", 5, true, 3));
    assertEquals(5, writes.storedScore("p"));
    assertEquals(6, writes.scoreDue("p", 4), "what was earned meanwhile goes next");
  }

  @Test
  void aStoredScoreNeverGoesBackEvenWhenRepliesComeOutOfOrder() {
    writes.track("p", 0);
    assertTrue(writes.scoreStored("p", 9, true, 1));
    assertTrue(writes.scoreStored("p", 4, true, 2));
    assertEquals(9, writes.storedScore("p"));
  }

  @Test
  void failedWritesAreRetriedAfterOneTwoFourThenEverEightSeconds() {
    writes.track("p", 0);
    writes.earned("p");
    long tick = 0;
    for (long wait : new long[] {1, 2, 4, 8, 8}) {
      assertEquals(1, writes.scoreDue("p", tick));
      writes.scoreStored("p", 1, false, tick);
      assertEquals(-1, writes.scoreDue("p", tick + wait * SECOND - 1), "still backing off");
      tick += wait * SECOND;
    }
    assertEquals(1, writes.scoreDue("p", tick));
    writes.scoreStored("p", 1, true, tick);
    writes.earned("p");
    assertEquals(2, writes.scoreDue("p", tick + 1), "a success ends the backoff");
  }

  @Test
  void aLeaveIsWrittenOnceAtATimeAndAgainAfterAFailure() {
    writes.track("p", 0);
    assertTrue(writes.leaveDue("p", 0));
    assertFalse(writes.leaveDue("p", 1));
    writes.leaveFailed("p", 1);
    assertFalse(writes.leaveDue("p", 1 + SECOND - 1));
    assertTrue(writes.leaveDue("p", 1 + SECOND));
  }

  @Test
  void aStoppingRoomWritesEveryOwedScoreAtOnceEvenOneUnderWay() {
    writes.track("p", 0);
    writes.earned("p");
    writes.scoreDue("p", 0);
    writes.scoreStored("p", 1, false, 0);
    writes.earned("p");
    writes.dueNow();
    assertEquals(2, writes.scoreDue("p", 1), "no backoff, nothing in flight");
  }

  @Test
  void repliesForAPlayerWhoLeftAreIgnored() {
    assertFalse(writes.scoreStored("gone", 3, true, 0));
    writes.leaveFailed("gone", 0);
  }

  @Test
  void checkpointsGoOneAtATimeAndKeepTheNewestStoredTick() {
    assertEquals(-1, writes.checkpointTick());
    assertTrue(writes.checkpointDue(0));
    writes.checkpointStarted();
    assertFalse(writes.checkpointDue(20));
    writes.checkpointFailed(20);
    assertFalse(writes.checkpointDue(20 + SECOND - 1));
    assertTrue(writes.checkpointDue(20 + SECOND));
    writes.checkpointStored(40, 1_000);
    writes.checkpointStored(20, 900);
    assertEquals(40, writes.checkpointTick(), "an older checkpoint stored late does not count back");
  }
}
