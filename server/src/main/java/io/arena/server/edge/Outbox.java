package io.arena.server.edge;

import io.arena.protocol.StateFormat;
import io.arena.server.metrics.GameMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;

/**
 * What one socket sends. While the client keeps up, a frame is written and flushed at once. While
 * it is slow (the socket's write buffer is over its high-water mark), control frames (joined,
 * chat, error, pong) wait in order, at most {@value #MAX_CONTROL_FRAMES}, and only the newest state
 * waits, since an older one is stale once a newer exists: a slow client never slows its room or
 * anyone else, and holds a bounded amount of memory. A compact state is picked when it is
 * written: the delta if it follows the last state written, else the keyframe, so a client that
 * missed states decodes the next on its own. Confined to the socket's event loop.
 */
final class Outbox {
  /** A client this far behind on control frames loses the oldest ones rather than our memory. */
  static final int MAX_CONTROL_FRAMES = 256;

  private final ChannelHandlerContext ctx;
  private final GameMetrics metrics;
  private final StateFormat format;
  private final long socket;
  /** Made on the first wait: most sockets never need it. */
  private ArrayDeque<ByteBuf> control;
  private StateWire latestState;
  /** The tick of the last state written in this stream, -1 for none: the base of a delta. */
  private long writtenTick = -1;
  private boolean wroteSinceCheck;
  private boolean closed;

  Outbox(ChannelHandlerContext ctx, GameMetrics metrics, StateFormat format, long socket) {
    this.ctx = ctx;
    this.metrics = metrics;
    this.format = format;
    this.socket = socket;
  }

  /** Takes ownership of {@code frame}. */
  void sendControl(ByteBuf frame) {
    if (closed) {
      frame.release();
    } else if (isEmpty() && ctx.channel().isWritable()) {
      write(frame);
      ctx.flush();
    } else {
      if (control == null) {
        control = new ArrayDeque<>();
      } else if (control.size() == MAX_CONTROL_FRAMES) {
        control.removeFirst().release();
        metrics.droppedFrames.inc();
      }
      control.addLast(frame);
    }
  }

  /** Sends or keeps {@code state}, which stays the caller's. */
  void sendState(StateWire state) {
    if (closed) {
      return;
    }
    if (isEmpty() && ctx.channel().isWritable()) {
      writeState(state);
      ctx.flush();
    } else {
      if (latestState != null) {
        latestState.release();
        metrics.droppedFrames.inc();
      }
      latestState = state.retain();
    }
  }

  /** A new stream of states (another room, or a room restarted): forgets the old one's. */
  void startStateStream() {
    if (latestState != null) {
      latestState.release();
      latestState = null;
    }
    writtenTick = -1;
  }

  /** The client caught up: what waited goes out, control frames first, as long as it keeps up. */
  void onWritable() {
    while (!closed && control != null && !control.isEmpty() && ctx.channel().isWritable()) {
      write(control.removeFirst());
    }
    if (!closed && latestState != null && (control == null || control.isEmpty())
        && ctx.channel().isWritable()) {
      writeState(latestState);
      latestState.release();
      latestState = null;
    }
    ctx.flush();
  }

  /** Whether anything was written since the last call: an idle socket gets keep-alive pings. */
  boolean wroteSinceLastAsked() {
    boolean wrote = wroteSinceCheck;
    wroteSinceCheck = false;
    return wrote;
  }

  /** Nothing more goes out; what waited is released. */
  void close() {
    closed = true;
    if (control != null) {
      control.forEach(ByteBuf::release);
      control.clear();
    }
    if (latestState != null) {
      latestState.release();
      latestState = null;
    }
  }

  private boolean isEmpty() {
    return latestState == null && (control == null || control.isEmpty());
  }

  private void writeState(StateWire state) {
    ByteBuf frame = state.frameFor(socket, format, writtenTick);
    if (frame != null) {
      writtenTick = state.tick;
      metrics.stateSent(format, frame.readableBytes());
      write(frame.retainedDuplicate());
    }
  }

  private void write(ByteBuf frame) {
    wroteSinceCheck = true;
    metrics.framesOut.inc();
    ctx.write(frame, ctx.voidPromise());
  }
}
