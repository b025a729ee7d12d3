package io.arena.server.edge;

import io.arena.protocol.StateFormat;
import io.arena.protocol.compact.CompactFrames;
import io.arena.server.room.RoomUpdate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AbstractReferenceCounted;
import java.util.HashMap;
import java.util.Map;

/**
 * A room's state of one tick as it goes on the wire, framed once per node in each format its
 * sockets here read, and shared by them: JSON text, and the compact delta and keyframe. Each
 * socket writes the one it needs; the last to let go releases them all. A player with a view of
 * its own (protocol/README.md section 12.4) gets its own frame instead.
 */
final class StateWire extends AbstractReferenceCounted {
  final long tick;
  /** Null for a format nobody here reads (and the delta when there is no base for it). */
  private final ByteBuf json;
  private final ByteBuf delta;
  private final ByteBuf keyframe;
  /** By socket: the frames of players with a view of their own; empty for most games. */
  private final Map<Long, ByteBuf> own;

  private StateWire(long tick, ByteBuf json, ByteBuf delta, ByteBuf keyframe, Map<Long, ByteBuf> own) {
    this.tick = tick;
    this.json = json;
    this.delta = delta;
    this.keyframe = keyframe;
    this.own = own;
  }

  static StateWire of(ByteBufAllocator allocator, RoomUpdate.State state) {
    Map<Long, ByteBuf> own = Map.of();
    if (!state.own().isEmpty()) {
      own = new HashMap<>();
      for (Map.Entry<Long, byte[]> frame : state.own().entrySet()) {
        own.put(frame.getKey(), WireFrames.text(allocator, frame.getValue()));
      }
    }
    return new StateWire(state.tick(),
        state.json() == null ? null : WireFrames.text(allocator, state.json()),
        state.delta() == null ? null : WireFrames.binary(allocator, state.delta()),
        state.keyframe() == null ? null : WireFrames.binary(allocator, state.keyframe()), own);
  }

  /**
   * The frame for {@code socket}, reading {@code format}, whose last state was of
   * {@code receivedTick} (-1 for none): its own if it has one; for compact, the delta only if it
   * follows that tick, else the keyframe (protocol/README.md section 11.4), or the JSON text of a
   * game without a binary form. Still this wire's: duplicate it to write it. Null if the format is
   * not here.
   */
  ByteBuf frameFor(long socket, StateFormat format, long receivedTick) {
    if (!own.isEmpty()) {
      ByteBuf mine = own.get(socket);
      if (mine != null) {
        return mine;
      }
    }
    if (format == StateFormat.JSON || keyframe == null) {
      return json;
    }
    return delta != null && CompactFrames.follows(tick, receivedTick) ? delta : keyframe;
  }

  @Override
  protected void deallocate() {
    release(json);
    release(delta);
    release(keyframe);
    own.values().forEach(StateWire::release);
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
