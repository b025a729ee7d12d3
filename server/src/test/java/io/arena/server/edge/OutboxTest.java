package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.arena.protocol.StateFormat;
import io.arena.server.metrics.GameMetrics;
import io.arena.server.room.RoomUpdate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
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
  private final Outbox outbox = new Outbox(ctx, metrics, StateFormat.JSON, 1);
  private final Outbox compact = new Outbox(ctx, metrics, StateFormat.COMPACT, 2);

  @AfterEach
  void releaseWhatWasWritten() {
    channel.finishAndReleaseAll();
  }

  private static ByteBuf frame(String text) {
    return WireFrames.text(UnpooledByteBufAllocator.DEFAULT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The state of {@code tick} in every format: JSON "state N", keyframe "key N", delta "delta N". */
  private static StateWire state(long tick) {
    return StateWire.of(UnpooledByteBufAllocator.DEFAULT, new RoomUpdate.State(null, tick,
        ("state " + tick).getBytes(StandardCharsets.UTF_8), ("delta " + tick).getBytes(StandardCharsets.UTF_8),
        ("key " + tick).getBytes(StandardCharsets.UTF_8), null));
  }

  /** The client is slow: the socket's write buffer is over its high-water mark. */
  private void slow(boolean slow) {
    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, !slow);
  }

  /** The payloads written, past their two-byte WebSocket headers. */
  private List<String> written() {
    List<String> frames = new ArrayList<>();
    for (ByteBuf frame; (frame = channel.readOutbound()) != null; ) {
      frames.add(frame.toString(2, frame.readableBytes() - 2, StandardCharsets.UTF_8));
      frame.release();
    }
    return frames;
  }

  @Test
  void aClientThatKeepsUpGetsEveryFrameAtOnce() {
    StateWire state = state(1);
    outbox.sendControl(frame("joined"));
    outbox.sendState(state);
    assertEquals(List.of("joined", "state 1"), written());
    assertEquals(1, state.refCnt(), "the shared state stays its owner's");
    state.release();
  }

  @Test
  void aSlowClientGetsItsControlFramesInOrderThenOnlyTheNewestState() {
    slow(true);
    for (int tick = 1; tick <= 5; tick++) {
      StateWire state = state(tick);
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

  private void sendCompact(long... ticks) {
    for (long tick : ticks) {
      StateWire state = state(tick);
      compact.sendState(state);
      state.release();
    }
  }

  @Test
  void aCompactClientGetsAKeyframeFirstThenDeltasWhileItGetsEveryTick() {
    sendCompact(7, 8, 9);
    assertEquals(List.of("key 7", "delta 8", "delta 9"), written());
  }

  @Test
  void aCompactClientThatMissedStatesGetsAKeyframeBeforeAnyDelta() {
    sendCompact(1, 2);
    slow(true);
    sendCompact(3, 4, 5);
    slow(false);
    compact.onWritable();
    sendCompact(6);
    assertEquals(List.of("key 1", "delta 2", "key 5", "delta 6"), written());
  }

  @Test
  void aCompactClientThatKeptUpWithItsOnlyWaitingStateGetsItsDelta() {
    sendCompact(1);
    slow(true);
    sendCompact(2);
    slow(false);
    compact.onWritable();
    assertEquals(List.of("key 1", "delta 2"), written());
  }

  @Test
  void aNewStreamOfStatesStartsWithAKeyframeAndDropsWhatWaited() {
    sendCompact(10, 11);
    slow(true);
    sendCompact(12);
    compact.startStateStream();
    slow(false);
    compact.onWritable();
    // A room that went back to tick 11 after a failover: its 12 is not the 12 that waited.
    sendCompact(12, 13);
    assertEquals(List.of("key 10", "delta 11", "key 12", "delta 13"), written());
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
    StateWire state = state(1);
    outbox.sendState(state);
    ByteBuf control = frame("chat");
    outbox.sendControl(control);
    outbox.close();
    assertEquals(0, control.refCnt());
    assertEquals(1, state.refCnt(), "only the outbox's reference was released");

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
