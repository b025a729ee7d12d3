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

  void see(String frame) {
    if (frame.startsWith(STATE_START)) {
      long tick = tickOf(frame);
      states++;
      minTick = Math.min(minTick, tick);
      maxTick = Math.max(maxTick, tick);
    } else if (frame.startsWith(ERROR_START)) {
      errors++;
    }
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

  private static long tickOf(String stateFrame) {
    int start = stateFrame.indexOf(TICK_FIELD) + TICK_FIELD.length();
    int end = start;
    while (Character.isDigit(stateFrame.charAt(end))) {
      end++;
    }
    return Long.parseLong(stateFrame, start, end, 10);
  }
}
