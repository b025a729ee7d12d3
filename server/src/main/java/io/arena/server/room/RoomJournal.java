package io.arena.server.room;

import io.arena.server.config.GameSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * What a room still has to store, and when: entries (joins, leaves, facts) go to its ledger in
 * batches, one batch at a time, in order, so the room always knows which are stored; a failed batch
 * is sent again, the same, after a {@link WriteBackoff}, while new entries wait for the next.
 * Checkpoints go one at a time too. The room's beat never waits for a write. Confined to its room.
 */
final class RoomJournal {

  /** A batch: its number and its entries. */
  record Batch(long number, List<RoomLedger.Entry> entries) {}

  private final WriteBackoff batchBackoff;
  private final WriteBackoff checkpointBackoff;
  private List<RoomLedger.Entry> waiting = new ArrayList<>();
  private Batch inFlight;
  private boolean sent;
  private long lastNumber;
  private long storedThrough;
  private boolean checkpointInFlight;
  private long checkpointTick = -1;
  private long checkpointAtMillis;

  RoomJournal(GameSettings settings) {
    this.batchBackoff = new WriteBackoff(settings);
    this.checkpointBackoff = new WriteBackoff(settings);
  }

  /** The room recovered with batches up to {@code lastStored} stored. */
  void recovered(long lastStored) {
    lastNumber = lastStored;
    storedThrough = lastStored;
  }

  /** The number the next entry's batch will have: entries name their batch. */
  long nextBatch() {
    return lastNumber + 1;
  }

  void append(RoomLedger.Entry entry) {
    waiting.add(entry);
  }

  /** Whether anything is appended and not stored yet. */
  boolean hasUnstored() {
    return inFlight != null || !waiting.isEmpty();
  }

  /**
   * The batch to send now, or null: none waiting, one under way, or backing off after a failure
   * (then the same batch again once the backoff allows).
   */
  Batch due(long beat) {
    if (inFlight == null) {
      if (waiting.isEmpty()) {
        return null;
      }
      inFlight = new Batch(++lastNumber, waiting);
      waiting = new ArrayList<>();
      sent = false;
    }
    if (sent || !batchBackoff.allows(beat)) {
      return null;
    }
    sent = true;
    return inFlight;
  }

  /** The batch numbered {@code number} is stored: it is returned to be applied, once. */
  Batch stored(long number) {
    if (inFlight == null || inFlight.number() != number) {
      return null;
    }
    Batch done = inFlight;
    inFlight = null;
    storedThrough = number;
    batchBackoff.reset();
    return done;
  }

  /** The batch numbered {@code number} failed: it goes again after the backoff. */
  boolean failed(long number, long beat) {
    if (inFlight == null || inFlight.number() != number) {
      return false;
    }
    sent = false;
    batchBackoff.failed(beat);
    return true;
  }

  /**
   * The ledger recovered after a failure: what waits for a retry goes at the next beat, and so
   * does a write under way, whose answer the failed ledger will never send (a batch is stored
   * once however often it is sent; a late failure of the first send only delays the next).
   */
  void retryNow() {
    sent = false;
    batchBackoff.reset();
    checkpointInFlight = false;
    checkpointBackoff.reset();
  }

  /**
   * The room is stopping: every batch to send now, in order, the one under way again (a lost
   * reply must not lose it; the ledger stores a batch once) and then what waits.
   */
  List<Batch> drain() {
    List<Batch> batches = new ArrayList<>(2);
    if (inFlight != null) {
      batches.add(inFlight);
    }
    if (!waiting.isEmpty()) {
      batches.add(new Batch(++lastNumber, waiting));
      waiting = new ArrayList<>();
    }
    return batches;
  }

  /** The last batch stored and applied: what a checkpoint taken now covers. */
  long storedThrough() {
    return storedThrough;
  }

  // ---- checkpoints ----

  boolean checkpointDue(long beat) {
    return !checkpointInFlight && checkpointBackoff.allows(beat);
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

  void checkpointFailed(long beat) {
    checkpointInFlight = false;
    checkpointBackoff.failed(beat);
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
