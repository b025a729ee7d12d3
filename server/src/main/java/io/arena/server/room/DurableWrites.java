package io.arena.server.room;

import io.arena.server.config.GameSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * What a room owes its ledger: each player's score picked up but not yet stored, its leave, and
 * the room's checkpoints. One write of each kind at a time, retried with {@link WriteBackoff} while
 * the store fails; the tick never waits for one. Frames show only stored scores (G1), so a crash
 * takes back nothing a player saw. Confined to its room.
 */
final class DurableWrites {

  /** One player's score as stored and as earned, and the writes under way for it. */
  private static final class Owed {
    long storedScore;
    long earnedScore;
    boolean scoreInFlight;
    boolean leaveInFlight;
    final WriteBackoff backoff;

    Owed(long storedScore, WriteBackoff backoff) {
      this.storedScore = storedScore;
      this.earnedScore = storedScore;
      this.backoff = backoff;
    }
  }

  private final GameSettings settings;
  private final Map<String, Owed> players = new HashMap<>();
  private final WriteBackoff checkpointBackoff;
  private boolean checkpointInFlight;
  private long checkpointTick = -1;
  private long checkpointAtMillis;

  DurableWrites(GameSettings settings) {
    this.settings = settings;
    this.checkpointBackoff = new WriteBackoff(settings);
  }

  /** A player whose stored score is {@code storedScore} joined the room. */
  void track(String playerId, long storedScore) {
    players.put(playerId, new Owed(storedScore, new WriteBackoff(settings)));
  }

  /** The player's leave is stored: nothing more is owed for it. */
  void untrack(String playerId) {
    players.remove(playerId);
  }

  void earned(String playerId) {
    players.get(playerId).earnedScore++;
  }

  /** The only score frames show. */
  long storedScore(String playerId) {
    return players.get(playerId).storedScore;
  }

  /** The score to write for the player now, or -1: none owed, one under way, or backing off. */
  long scoreDue(String playerId, long tick) {
    Owed owed = players.get(playerId);
    if (!owed.backoff.allows(tick) || owed.scoreInFlight || owed.earnedScore <= owed.storedScore) {
      return -1;
    }
    owed.scoreInFlight = true;
    return owed.earnedScore;
  }

  /** Whether to write the leave of a player on its way out now. */
  boolean leaveDue(String playerId, long tick) {
    Owed owed = players.get(playerId);
    if (!owed.backoff.allows(tick) || owed.leaveInFlight) {
      return false;
    }
    owed.leaveInFlight = true;
    return true;
  }

  /** A score write came back; false if the player is no longer tracked. */
  boolean scoreStored(String playerId, long score, boolean stored, long tick) {
    Owed owed = players.get(playerId);
    if (owed == null) {
      return false;
    }
    owed.scoreInFlight = false;
    if (stored) {
      owed.storedScore = Math.max(owed.storedScore, score);
      owed.backoff.reset();
    } else {
      owed.backoff.failed(tick);
    }
    return true;
  }

  /** A leave write failed: it is due again after the backoff. */
  void leaveFailed(String playerId, long tick) {
    Owed owed = players.get(playerId);
    if (owed != null) {
      owed.leaveInFlight = false;
      owed.backoff.failed(tick);
    }
  }

  /**
   * The room is stopping: every owed score is due now, even one whose write is still under way
   * (a lost reply must not lose the score; the ledger's writes are idempotent).
   */
  void dueNow() {
    for (Owed owed : players.values()) {
      owed.backoff.reset();
      owed.scoreInFlight = false;
    }
  }

  // ---- checkpoints ----

  boolean checkpointDue(long tick) {
    return !checkpointInFlight && checkpointBackoff.allows(tick);
  }

  void checkpointStarted() {
    checkpointInFlight = true;
  }

  void checkpointStored(long tick, long takenAtMillis) {
    checkpointInFlight = false;
    checkpointTick = Math.max(checkpointTick, tick);
    checkpointAtMillis = takenAtMillis;
    checkpointBackoff.reset();
  }

  void checkpointFailed(long tick) {
    checkpointInFlight = false;
    checkpointBackoff.failed(tick);
  }

  /** The room recovered from the checkpoint of {@code tick}. */
  void restoredCheckpoint(long tick, long takenAtMillis) {
    checkpointTick = tick;
    checkpointAtMillis = takenAtMillis;
  }

  /** The latest stored checkpoint's tick, -1 while there is none. */
  long checkpointTick() {
    return checkpointTick;
  }

  long checkpointAtMillis() {
    return checkpointAtMillis;
  }
}
