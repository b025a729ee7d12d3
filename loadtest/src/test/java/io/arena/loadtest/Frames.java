package io.arena.loadtest;

/**
 * One player's count of what the server sent it: state frames, the ticks they span, and error
 * frames. Mutable, and only ever touched by its own virtual user, one step at a time.
 */
final class Frames {
  private static final String STATE_START = "{\"type\":\"state\"";
  private static final String ERROR_START = "{\"type\":\"error\"";
  private static final String TICK_FIELD = "\"tick\":";

  private long states;
  private long minTick = Long.MAX_VALUE;
  private long maxTick = Long.MIN_VALUE;
  private long errors;

  /** A text frame: a JSON state, an error, or another that is not counted. */
  void see(String frame) {
    if (frame.startsWith(STATE_START)) {
      seeState(numberAfter(frame, frame.indexOf(TICK_FIELD)));
    } else if (frame.startsWith(ERROR_START)) {
      errors++;
    }
  }

  /** A state of {@code tick}, in either format. */
  void seeState(long tick) {
    states++;
    minTick = Math.min(minTick, tick);
    maxTick = Math.max(maxTick, tick);
  }

  /**
   * Adds the counts of this visit (from a join to the next join or the end) to the run's
   * {@link Tally}, and starts the next: the ticks a player spent away are no missing frames.
   */
  void endVisit() {
    Tally.stateFrames.add(states);
    Tally.errorFrames.add(errors);
    if (states > 0) {
      Tally.ticksSpanned.add(maxTick - minTick + 1);
    }
    states = 0;
    errors = 0;
    minTick = Long.MAX_VALUE;
    maxTick = Long.MIN_VALUE;
  }

  /**
   * The whole number right after the JSON key that starts at {@code keyAt} in {@code frame}
   * ({@code "key":}), or -1 where there is no key or no number.
   */
  static long numberAfter(String frame, int keyAt) {
    if (keyAt < 0) {
      return -1;
    }
    int start = frame.indexOf(':', keyAt) + 1;
    int end = start;
    while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
      end++;
    }
    return end == start ? -1 : Long.parseLong(frame, start, end, 10);
  }
}
