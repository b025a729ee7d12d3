package io.arena.loadtest;

import io.arena.protocol.compact.CompactDecoder;
import io.arena.protocol.compact.CompactFormatException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.LongConsumer;

/**
 * One socket's compact states (protocol/README.md section 11), decoded as Gatling hands the binary
 * frames over: through the input's check as they come, or later out of its buffer of frames that
 * came between checks, which can put a frame behind one the server sent after it. So a delta
 * that does not follow the current state waits for the frame it follows, for a few ticks; one that
 * waited longer is lost (and counted). Mutable, and only ever touched by its own virtual user.
 */
final class CompactStates {
  /** Gatling reorders across one check at most: two or three frames at 20 Hz. */
  private static final int WAIT_TICKS = 10;

  private record Waiting(byte[] frame, long since) {}

  private final CompactDecoder decoder = new CompactDecoder();
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

  /** Applies {@code frame} and whatever waited for it; {@code applied} hears each state's tick. */
  void apply(byte[] frame, LongConsumer applied) {
    if (!tryApply(frame, applied)) {
      waiting.addLast(new Waiting(frame, decoder.hasState() ? decoder.tick() : -1));
      Tally.reorderedFrames.increment();
      return;
    }
    for (boolean progress = true; progress; ) {
      progress = false;
      for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
        Waiting next = it.next();
        if (tryApply(next.frame(), applied)) {
          it.remove();
          progress = true;
        } else if (decoder.tick() - next.since() > WAIT_TICKS) {
          it.remove();
          Tally.undecodableFrames.increment();
        }
      }
    }
  }

  /** The last input seq the current state acknowledges for {@code playerId}; -1 before any. */
  long ackOf(String playerId) {
    return decoder.hasState() ? decoder.ackOf(playerId) : -1;
  }

  /** Frames still waiting when the socket is done with are lost too. */
  void close() {
    Tally.undecodableFrames.add(waiting.size());
    waiting.clear();
  }

  private boolean tryApply(byte[] frame, LongConsumer applied) {
    try {
      applied.accept(decoder.apply(frame));
      return true;
    } catch (CompactFormatException notYet) {
      return false;
    }
  }
}
