package io.arena.protocol.compact;

import io.arena.protocol.ServerMessage;

/**
 * A client's view of one socket's compact {@code state} frames (protocol/README.md section 11):
 * applies each frame, in the order received, to the state the frames before built. A frame that
 * does not decode, or a delta for a tick other than the one after the current state, changes
 * nothing and is a {@link CompactFormatException}. Not thread-safe: one per socket.
 */
public final class CompactDecoder {
  private Snapshot state = new Snapshot();
  private Snapshot next = new Snapshot();
  private boolean hasState;

  /** Applies {@code frame}; returns the tick it brings the state to. */
  public long apply(byte[] frame) {
    FrameReader in = new FrameReader(frame);
    int header = in.readByte();
    if (header == CompactEncoder.KEYFRAME) {
      readKeyframe(in);
    } else if ((header & CompactEncoder.DELTA) != 0 && (header & ~ALL_DELTA_FLAGS) == 0) {
      readDelta(in, header);
    } else {
      throw new CompactFormatException("unknown frame header 0x" + Integer.toHexString(header));
    }
    if (in.hasMore()) {
      throw new CompactFormatException(in.remaining() + " bytes after the end of the frame");
    }
    Snapshot spare = state;
    state = next;
    next = spare;
    hasState = true;
    return state.tick;
  }

  private static final int ALL_DELTA_FLAGS = CompactEncoder.DELTA | CompactEncoder.ROSTER
      | CompactEncoder.MOVES | CompactEncoder.ACKS | CompactEncoder.SCORES | CompactEncoder.COINS;

  /** Whether a frame was applied yet: before the first keyframe there is no state. */
  public boolean hasState() {
    return hasState;
  }

  /** The tick of the current state. */
  public long tick() {
    requireState();
    return state.tick;
  }

  /** The last input {@code seq} the current state acknowledges for {@code playerId}, or -1. */
  public long ackOf(String playerId) {
    requireState();
    for (int i = 0; i < state.players; i++) {
      if (state.ids[i].equals(playerId)) {
        return state.acks[i];
      }
    }
    return -1;
  }

  /** The current state, exactly as the JSON {@code state} frame of its tick shows it. */
  public ServerMessage.State state() {
    requireState();
    return state.toState();
  }

  private void requireState() {
    if (!hasState) {
      throw new IllegalStateException("no keyframe received yet");
    }
  }

  private void readKeyframe(FrameReader in) {
    long tick = in.readVarint();
    String room = in.readString();
    int players = in.readCount();
    next.resize(players, 0);
    next.tick = tick;
    next.room = room;
    for (int i = 0; i < players; i++) {
      readPlayer(in, i, true);
    }
    int coins = in.readCount();
    next.resize(players, coins);
    for (int c = 0; c < coins; c++) {
      next.coinIds[c] = in.readSigned();
      next.coinX[c] = in.readSigned();
      next.coinY[c] = in.readSigned();
    }
  }

  private void readDelta(FrameReader in, int flags) {
    if (!hasState) {
      throw new CompactFormatException("a delta before any keyframe");
    }
    int tickByte = in.readByte();
    if (tickByte != ((state.tick + 1) & 0xFF)) {
      throw new CompactFormatException("delta for a tick ending in byte " + tickByte
          + " does not follow tick " + state.tick);
    }
    next.room = state.room;
    next.tick = state.tick + 1;
    if ((flags & CompactEncoder.ROSTER) != 0) {
      readRoster(in);
    } else {
      next.resize(state.players, state.coins);
      for (int i = 0; i < state.players; i++) {
        copyPlayer(i, i);
      }
    }
    for (int i = 0; i < next.players; i++) {
      next.x[i] += next.stepX[i];
      next.y[i] += next.stepY[i];
    }
    if ((flags & CompactEncoder.MOVES) != 0) {
      readMoves(in);
    }
    if ((flags & CompactEncoder.ACKS) != 0) {
      readDifferences(in, next.acks);
    }
    if ((flags & CompactEncoder.SCORES) != 0) {
      readDifferences(in, next.scores);
    }
    System.arraycopy(state.coinIds, 0, next.coinIds, 0, state.coins);
    System.arraycopy(state.coinX, 0, next.coinX, 0, state.coins);
    System.arraycopy(state.coinY, 0, next.coinY, 0, state.coins);
    if ((flags & CompactEncoder.COINS) != 0) {
      readCoins(in);
    }
  }

  private void readRoster(FrameReader in) {
    int players = in.readCount();
    next.resize(players, state.coins);
    for (int i = 0; i < players; i++) {
      long from = in.readVarint();
      if (from > state.players) {
        throw new CompactFormatException("roster names player " + (from - 1) + " of " + state.players);
      }
      if (from > 0) {
        copyPlayer((int) from - 1, i);
      } else {
        readPlayer(in, i, false);
      }
    }
  }

  /** A whole player: in a keyframe with its steps, new in a delta's roster without (they are 0). */
  private void readPlayer(FrameReader in, int i, boolean withSteps) {
    next.ids[i] = in.readString();
    next.names[i] = in.readString();
    next.x[i] = in.readSigned();
    next.y[i] = in.readSigned();
    next.stepX[i] = withSteps ? in.readSigned() : 0;
    next.stepY[i] = withSteps ? in.readSigned() : 0;
    next.scores[i] = in.readSigned();
    next.acks[i] = in.readSigned();
  }

  private void copyPlayer(int from, int to) {
    next.ids[to] = state.ids[from];
    next.names[to] = state.names[from];
    next.x[to] = state.x[from];
    next.y[to] = state.y[from];
    next.stepX[to] = state.stepX[from];
    next.stepY[to] = state.stepY[from];
    next.scores[to] = state.scores[from];
    next.acks[to] = state.acks[from];
  }

  /** Positions already moved by their steps; a player in the mask missed its step by (dx, dy). */
  private void readMoves(FrameReader in) {
    byte[] mask = readMask(in);
    for (int i = 0; i < next.players; i++) {
      if (isSet(mask, i)) {
        long missX = in.readSigned();
        long missY = in.readSigned();
        next.x[i] += missX;
        next.y[i] += missY;
        next.stepX[i] += missX;
        next.stepY[i] += missY;
      }
    }
  }

  private void readDifferences(FrameReader in, long[] values) {
    byte[] mask = readMask(in);
    for (int i = 0; i < next.players; i++) {
      if (isSet(mask, i)) {
        values[i] += in.readSigned();
      }
    }
  }

  private byte[] readMask(FrameReader in) {
    byte[] mask = new byte[(next.players + 7) / 8];
    for (int b = 0; b < mask.length; b++) {
      mask[b] = (byte) in.readByte();
    }
    return mask;
  }

  private static boolean isSet(byte[] mask, int i) {
    return (mask[i >> 3] & (1 << (i & 7))) != 0;
  }

  private void readCoins(FrameReader in) {
    int changed = in.readCount();
    for (int k = 0; k < changed; k++) {
      long slot = in.readVarint();
      if (slot >= next.coins) {
        throw new CompactFormatException("coin slot " + slot + " of " + next.coins);
      }
      int c = (int) slot;
      next.coinIds[c] += in.readSigned();
      next.coinX[c] = in.readSigned();
      next.coinY[c] = in.readSigned();
    }
  }
}
