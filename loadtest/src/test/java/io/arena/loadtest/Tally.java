package io.arena.loadtest;

import java.util.concurrent.atomic.LongAdder;

/**
 * What Gatling's report cannot show: state frames received against the ticks they span (missing
 * ones were dropped or never sent), error frames nobody asked for, and reconnects. Every virtual
 * user adds its own counts when it finishes; the simulation prints the sums at the end.
 */
final class Tally {
  static final LongAdder stateFrames = new LongAdder();
  static final LongAdder ticksSpanned = new LongAdder();
  static final LongAdder errorFrames = new LongAdder();
  /** Compact state frames that never decoded (with -Dstate=compact); any is a defect. */
  static final LongAdder undecodableFrames = new LongAdder();
  /** Compact state frames Gatling handed over behind a later one, which waited for it. */
  static final LongAdder reorderedFrames = new LongAdder();
  static final LongAdder reconnects = new LongAdder();
  static final LongAdder reconnectsFailed = new LongAdder();

  private Tally() {}

  static String summary() {
    long frames = stateFrames.sum();
    long spanned = ticksSpanned.sum();
    return String.format(
        "state frames received: %d of %d ticks spanned (%.3f%%), missing %d; error frames: %d;"
            + " compact frames undecodable: %d, reordered: %d; reconnects: %d, failed: %d",
        frames, spanned, spanned == 0 ? 100.0 : 100.0 * frames / spanned, spanned - frames,
        errorFrames.sum(), undecodableFrames.sum(), reorderedFrames.sum(), reconnects.sum(),
        reconnectsFailed.sum());
  }
}
