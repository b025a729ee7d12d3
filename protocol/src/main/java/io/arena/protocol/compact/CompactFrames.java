package io.arena.protocol.compact;

/**
 * One tick of a room in the compact format: the {@code keyframe}, which decodes on its own, and the
 * {@code delta} against the tick before, or null when there is no such base (the first frame, a
 * gap in ticks, a change a delta cannot carry). Encoded once per room and tick, for every socket.
 */
public record CompactFrames(long tick, byte[] delta, byte[] keyframe) {

  /**
   * Whether a receiver whose last decoded frame was of {@code receivedTick} (of this same room
   * and stream, -1 for none) may be sent the delta: only one for the tick right after it. Anyone
   * else gets the keyframe, so a client never applies a delta to a base it does not have.
   */
  public boolean deltaFits(long receivedTick) {
    return delta != null && follows(tick, receivedTick);
  }

  /** Whether a delta of {@code tick} may go to a receiver at {@code receivedTick}: see {@link #deltaFits}. */
  public static boolean follows(long tick, long receivedTick) {
    return receivedTick >= 0 && receivedTick == tick - 1;
  }

  /** The frame for a receiver at {@code receivedTick}: the delta if it fits, else the keyframe. */
  public byte[] frameFor(long receivedTick) {
    return deltaFits(receivedTick) ? delta : keyframe;
  }
}
