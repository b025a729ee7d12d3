package io.arena.server.edge;

import io.arena.protocol.StateFormat;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The player port's HTTP side, per connection until it becomes a WebSocket: {@code GET /ws}
 * upgrades (origin allow-list, connection limit, state format), {@code GET /} is the browser
 * client (with the client SDK's modules under {@code /sdk/}),
 * {@code GET /rooms} the list of public rooms (readable by pages of the allowed origins), and
 * {@code /favicon.ico} is answered so browsers' consoles stay free of 404s. On an upgrade this
 * handler gives its place to the WebSocket's own ({@link SocketHandler}).
 */
final class HttpGate extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final EdgeServer.Shared shared;
  private ScheduledFuture<?> idleClose;

  HttpGate(EdgeServer.Shared shared) {
    this.shared = shared;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    closeWhenIdle(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancelIdleClose();
  }

  private void cancelIdleClose() {
    if (idleClose != null) {
      idleClose.cancel(false);
    }
  }

  private void closeWhenIdle(ChannelHandlerContext ctx) {
    cancelIdleClose();
    // A connection that sends no request for this long holds a socket for nothing.
    idleClose = ctx.executor().schedule((Runnable) ctx::close,
        shared.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    closeWhenIdle(ctx);
    if (!request.decoderResult().isSuccess()) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "malformed request");
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    if (!HttpMethod.GET.equals(request.method())) {
      respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET is served here");
    } else if (path.equals("/ws")) {
      upgrade(ctx, request, uri);
    } else if (shared.webFiles().containsKey(path)) {
      WebFiles.WebFile file = shared.webFiles().get(path);
      FullHttpResponse page = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
          Unpooled.wrappedBuffer(file.body()));
      page.headers().set(HttpHeaderNames.CONTENT_TYPE, file.contentType());
      send(ctx, request, page);
    } else if (path.equals("/rooms")) {
      listRooms(ctx, request, uri);
    } else if (path.equals("/favicon.ico")) {
      send(ctx, request, new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));
    } else {
      respond(ctx, request, HttpResponseStatus.NOT_FOUND, "not found; the game is at /, /ws and /rooms");
    }
  }

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    List<String> formats = uri.parameters().getOrDefault(StateFormat.QUERY_PARAMETER, List.of());
    Optional<StateFormat> format = formats.isEmpty() ? Optional.of(StateFormat.JSON)
        : formats.size() == 1 ? StateFormat.fromWire(formats.get(0)) : Optional.empty();
    if (format.isEmpty()) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST,
          "parameter state must be given once, as json or compact");
      return;
    }
    if (!isAllowed(request.headers().get(HttpHeaderNames.ORIGIN))) {
      respond(ctx, request, HttpResponseStatus.FORBIDDEN, "origin not allowed");
      return;
    }
    if (shared.sockets().count() >= shared.settings().maxConnections()) {
      respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE,
          "this node is at its limit of " + shared.settings().maxConnections() + " connections");
      return;
    }
    WebSocketServerHandshaker handshaker = shared.handshakers().newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    handshaker.handshake(ctx.channel(), request).addListener((ChannelFutureListener) done -> {
      if (done.isSuccess() && done.channel().isActive()) {
        ctx.pipeline().replace(this, "messages", new WebSocketFrameAggregator(shared.maxMessageBytes()));
        ctx.pipeline().addLast("socket",
            new SocketHandler(shared.sockets().nextId(), shared, format.get()));
      } else {
        done.channel().close();
      }
    });
  }

  private void listRooms(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    RoomListQuery.Answer answer = RoomListQuery.answer(uri.parameters(), shared.services().directory());
    FullHttpResponse response = response(answer.status(), answer.contentType(), answer.body());
    // A lobby page on another origin may read the list when its origin is allowed to play.
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origin != null && isAllowed(origin)) {
      boolean anyOrigin = shared.services().settings().limits().allowedOrigins().isEmpty();
      response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : origin);
      response.headers().set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
    }
    send(ctx, request, response);
  }

  /** A connection that failed before its upgrade (reset by the peer, mostly) just closes. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /**
   * Browsers always send Origin, so a list of allowed origins keeps other sites' pages from using
   * a visitor's browser as a client; clients that send none are not browsers and are let in.
   */
  private boolean isAllowed(String origin) {
    List<String> allowed = shared.services().settings().limits().allowedOrigins();
    return allowed.isEmpty() || origin == null || allowed.contains(origin);
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest request,
      HttpResponseStatus status, String text) {
    send(ctx, request, response(status, RoomListQuery.PLAIN_TEXT, text));
  }

  private static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    return response;
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
    boolean keepAlive = HttpUtil.isKeepAlive(request) && response.status().code() < 400;
    HttpUtil.setContentLength(response, response.content().readableBytes());
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
