package io.arena.server.edge;

import io.arena.protocol.Codec;
import io.arena.protocol.ServerMessage;
import io.arena.protocol.StateFormat;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Netty side of one player's WebSocket, after the handshake: whole messages to its
 * {@link PlayerSession}, WebSocket control frames (ping, close) answered here, frames out through
 * its {@link Outbox}, and the close handshake with a code and reason of the server's choosing.
 */
final class SocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> implements PlayerSocket {
  /** How long a close we started waits for the client's close frame before the TCP close. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

  private final long id;
  private final EdgeServer.Shared shared;
  private final StateFormat stateFormat;
  private ChannelHandlerContext ctx;
  private PlayerSession session;
  private Outbox outbox;
  private ScheduledFuture<?> checks;
  private boolean closing;

  SocketHandler(long id, EdgeServer.Shared shared, StateFormat stateFormat) {
    this.id = id;
    this.shared = shared;
    this.stateFormat = stateFormat;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.outbox = new Outbox(ctx, shared.services().metrics(), stateFormat, id);
    this.session = new PlayerSession(this, shared.services());
    shared.sockets().add(id, session);
    // One check per socket for both: the idle timeout (a quarter of it late at most) and keep-alive.
    long period = Math.min(shared.settings().keepAlive().toMillis(),
        shared.services().settings().limits().idleTimeout().toMillis() / 4);
    checks = ctx.executor().scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  private void check() {
    if (!outbox.wroteSinceLastAsked() && !closing) {
      ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
    }
    session.checkIdle();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame) {
      onClose((CloseWebSocketFrame) frame);
    } else if (closing) {
      return; // after our close frame, the client's last messages go unread
    } else if (frame instanceof TextWebSocketFrame) {
      session.onText(frame.content());
    } else if (frame instanceof BinaryWebSocketFrame) {
      session.onBinary();
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()), ctx.voidPromise());
    }
    // Pongs answer our keep-alive pings: nothing to do.
  }

  /** The client's close frame: the answer to ours, or its own, which we echo (RFC 6455 5.5.1). */
  private void onClose(CloseWebSocketFrame frame) {
    if (closing) {
      ctx.close();
      return;
    }
    closing = true;
    outbox.close();
    CloseWebSocketFrame echo = frame.statusCode() < 0
        ? new CloseWebSocketFrame() : new CloseWebSocketFrame(frame.statusCode(), "");
    ctx.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      outbox.onWritable();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    checks.cancel(false);
    closing = true;
    outbox.close();
    shared.sockets().remove(id);
    session.onClosed();
    ctx.fireChannelInactive();
  }

  /**
   * A message over the hard limit is not read on: close 1009. Other protocol errors close with
   * their RFC 6455 code; a failed connection just closes. Never a client-facing exception text.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException
        && ((CorruptedWebSocketFrameException) cause).closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG) {
      close(CloseCodes.MESSAGE_TOO_BIG, "frame over " + shared.maxMessageBytes() + " bytes");
    } else if (cause instanceof CorruptedWebSocketFrameException corrupt) {
      WebSocketCloseStatus status = corrupt.closeStatus();
      close(status.code(), status.reasonText());
    } else {
      ctx.close();
    }
  }

  // ---- PlayerSocket ----

  @Override
  public long id() {
    return id;
  }

  @Override
  public EventLoop loop() {
    return ctx.channel().eventLoop();
  }

  @Override
  public void send(ServerMessage message) {
    outbox.sendControl(WireFrames.text(ctx.alloc(), Codec.encodeUtf8(message)));
  }

  @Override
  public StateFormat stateFormat() {
    return stateFormat;
  }

  @Override
  public void sendShared(ByteBuf wire) {
    outbox.sendControl(wire.retainedDuplicate());
  }

  @Override
  public void sendState(StateWire state) {
    outbox.sendState(state);
  }

  @Override
  public void startStateStream() {
    outbox.startStateStream();
  }

  @Override
  public void close(int code, String reason) {
    if (closing) {
      return;
    }
    closing = true;
    outbox.close();
    ctx.writeAndFlush(new CloseWebSocketFrame(code, reason));
    ctx.executor().schedule((Runnable) ctx::close, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
