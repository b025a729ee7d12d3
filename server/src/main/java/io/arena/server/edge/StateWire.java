package io.arena.server.edge;

import io.arena.protocol.StateFormat;
import io.arena.protocol.compact.CompactFrames;
import io.arena.server.room.RoomUpdate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AbstractReferenceCounted;

/**
 * A room's state of one tick as it goes on the wire, framed once per node in each format its
 * sockets here read, and shared by them: JSON text, and the compact delta and keyframe. Each
 * socket writes the one it needs; the last to let go releases them all.
 */
final class StateWire extends AbstractReferenceCounted {
  final long tick;
  /** Null for a format nobody here reads (and the delta when there is no base for it). */
  private final ByteBuf json;
  private final ByteBuf delta;
  private final ByteBuf keyframe;

  private StateWire(long tick, ByteBuf json, ByteBuf delta, ByteBuf keyframe) {
    this.tick = tick;
    this.json = json;
    this.delta = delta;
    this.keyframe = keyframe;
  }

  static StateWire of(ByteBufAllocator allocator, RoomUpdate.State state) {
    return new StateWire(state.tick(),
        state.json() == null ? null : WireFrames.text(allocator, state.json()),
        state.delta() == null ? null : WireFrames.binary(allocator, state.delta()),
        state.keyframe() == null ? null : WireFrames.binary(allocator, state.keyframe()));
  }

  /**
   * The frame for a socket reading {@code format} whose last state was of {@code receivedTick}
   * (-1 for none): for compact, the delta only if it follows that tick, else the keyframe
   * (protocol/README.md section 11.4). Still this wire's: duplicate it to write it. Null if the
   * format is not here.
   */
  ByteBuf frameFor(StateFormat format, long receivedTick) {
    if (format == StateFormat.JSON) {
      return json;
    }
    return delta != null && CompactFrames.follows(tick, receivedTick) ? delta : keyframe;
  }

  @Override
  protected void deallocate() {
    release(json);
    release(delta);
    release(keyframe);
  }

  private static void release(ByteBuf buffer) {
    if (buffer != null) {
      buffer.release();
    }
  }

  @Override
  public StateWire retain() {
    super.retain();
    return this;
  }

  @Override
  public StateWire touch(Object hint) {
    return this;
  }
}
