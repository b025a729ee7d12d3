package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.arena.server.metrics.GameMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A slow socket's outbox: control frames wait in order and bounded, only the newest state waits,
 * and nothing waiting outlives the socket.
 */
class OutboxTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
  private final ChannelHandlerContext ctx = channel.pipeline().firstContext();
  private final GameMetrics metrics = new GameMetrics();
  private final Outbox outbox = new Outbox(ctx, metrics);

  @AfterEach
  void releaseWhatWasWritten() {
    channel.finishAndReleaseAll();
  }

  private static ByteBuf frame(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
  }

  /** The client is slow: the socket's write buffer is over its high-water mark. */
  private void slow(boolean slow) {
    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, !slow);
  }

  private List<String> written() {
    List<String> frames = new ArrayList<>();
    for (ByteBuf frame; (frame = channel.readOutbound()) != null; ) {
      frames.add(frame.toString(StandardCharsets.UTF_8));
      frame.release();
    }
    return frames;
  }

  @Test
  void aClientThatKeepsUpGetsEveryFrameAtOnce() {
    ByteBuf state = frame("state 1");
    outbox.sendControl(frame("joined"));
    outbox.sendState(state);
    assertEquals(List.of("joined", "state 1"), written());
    assertEquals(1, state.refCnt(), "the shared state frame stays its owner's");
    state.release();
  }

  @Test
  void aSlowClientGetsItsControlFramesInOrderThenOnlyTheNewestState() {
    slow(true);
    for (int tick = 1; tick <= 5; tick++) {
      ByteBuf state = frame("state " + tick);
      outbox.sendState(state);
      state.release();
      outbox.sendControl(frame("chat " + tick));
    }
    assertEquals(List.of(), written());

    slow(false);
    outbox.onWritable();
    assertEquals(List.of("chat 1", "chat 2", "chat 3", "chat 4", "chat 5", "state 5"), written());
    assertEquals(4, metrics.droppedFrames.get(), "four stale states dropped");
  }

  @Test
  void aClientTooFarBehindLosesItsOldestControlFrames() {
    slow(true);
    int sent = Outbox.MAX_CONTROL_FRAMES + 10;
    for (int i = 1; i <= sent; i++) {
      outbox.sendControl(frame("chat " + i));
    }
    slow(false);
    outbox.onWritable();
    List<String> frames = written();
    assertEquals(Outbox.MAX_CONTROL_FRAMES, frames.size());
    assertEquals("chat 11", frames.get(0));
    assertEquals("chat " + sent, frames.get(frames.size() - 1));
    assertEquals(10, metrics.droppedFrames.get());
  }

  @Test
  void closingReleasesWhatWaitedAndTakesNothingMore() {
    slow(true);
    ByteBuf state = frame("state");
    outbox.sendState(state);
    ByteBuf control = frame("chat");
    outbox.sendControl(control);
    outbox.close();
    assertEquals(0, control.refCnt());
    assertEquals(1, state.refCnt(), "only the outbox's duplicate was released");

    ByteBuf late = frame("late");
    outbox.sendControl(late);
    assertEquals(0, late.refCnt());
    outbox.sendState(state);
    slow(false);
    outbox.onWritable();
    assertNull(channel.readOutbound());
    state.release();
  }
}
