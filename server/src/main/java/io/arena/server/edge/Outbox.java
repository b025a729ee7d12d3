package io.arena.server.edge;

import io.arena.server.metrics.GameMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;

/**
 * What one socket sends. While the client keeps up, a frame is written and flushed at once. While
 * it is slow (the socket's write buffer is over its high-water mark), control frames (joined,
 * chat, error, pong) wait in order, at most {@value #MAX_CONTROL_FRAMES}, and only the newest state
 * frame waits, since an older one is stale once a newer exists: a slow client never slows its room
 * or anyone else, and holds a bounded amount of memory. Confined to the socket's event loop.
 */
final class Outbox {
  /** A client this far behind on control frames loses the oldest ones rather than our memory. */
  static final int MAX_CONTROL_FRAMES = 256;

  private final ChannelHandlerContext ctx;
  private final GameMetrics metrics;
  /** Made on the first wait: most sockets never need it. */
  private ArrayDeque<ByteBuf> control;
  private ByteBuf latestState;
  private boolean wroteSinceCheck;
  private boolean closed;

  Outbox(ChannelHandlerContext ctx, GameMetrics metrics) {
    this.ctx = ctx;
    this.metrics = metrics;
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

  /** Sends or keeps a duplicate of {@code shared}, which stays the caller's. */
  void sendState(ByteBuf shared) {
    if (closed) {
      return;
    }
    if (isEmpty() && ctx.channel().isWritable()) {
      write(shared.retainedDuplicate());
      ctx.flush();
    } else {
      if (latestState != null) {
        latestState.release();
        metrics.droppedFrames.inc();
      }
      latestState = shared.retainedDuplicate();
    }
  }

  /** The client caught up: what waited goes out, control frames first, as long as it keeps up. */
  void onWritable() {
    while (!closed && control != null && !control.isEmpty() && ctx.channel().isWritable()) {
      write(control.removeFirst());
    }
    if (!closed && latestState != null && (control == null || control.isEmpty())
        && ctx.channel().isWritable()) {
      write(latestState);
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

  private void write(ByteBuf frame) {
    wroteSinceCheck = true;
    metrics.framesOut.inc();
    ctx.write(frame, ctx.voidPromise());
  }
}
