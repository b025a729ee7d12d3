package io.arena.server.edge;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The player port on Netty: {@code /ws} and the browser client. Event loops run the sockets; each
 * socket stays on one loop for life, with its session, so nothing per socket is shared between
 * threads. Native epoll where it loads, NIO otherwise.
 */
public final class EdgeServer {
  private static final Logger log = LoggerFactory.getLogger(EdgeServer.class);
  /** HTTP requests to this port are small GETs; larger ones are refused by the codec. */
  private static final int MAX_REQUEST_BYTES = 8192;

  /**
   * What every connection of the player port shares; {@code webFiles} is the browser client by
   * path: the game page and the client SDK's modules.
   */
  record Shared(Sockets sockets, PlayerSession.Services services, EdgeSettings settings,
      WebSocketServerHandshakerFactory handshakers, Map<String, WebFiles.WebFile> webFiles) {
    /** The hard limit on one message: longer ones close the socket (1009). */
    int maxMessageBytes() {
      return services.settings().limits().maxFrameBytes();
    }
  }

  private final EventLoopGroup loops;
  private final Channel listener;
  private final Sockets sockets;

  private EdgeServer(EventLoopGroup loops, Channel listener, Sockets sockets) {
    this.loops = loops;
    this.listener = listener;
    this.sockets = sockets;
  }

  /** Binds the port; the stage completes once it is bound, or fails. */
  public static CompletionStage<EdgeServer> start(EdgeSettings settings, Sockets sockets,
      PlayerSession.Services services) {
    // Our own close handling (SocketHandler) says why a socket closed: 1009 with the limit.
    WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(services.settings().limits().maxFrameBytes())
        .allowExtensions(false)
        .closeOnProtocolViolation(false)
        .build();
    Shared shared = new Shared(sockets, services, settings,
        new WebSocketServerHandshakerFactory("/ws", null, decoder), WebFiles.load());

    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(settings.eventLoops(),
        new DefaultThreadFactory("edge", true), io);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(loops)
        .channel(channel)
        .option(ChannelOption.SO_BACKLOG, settings.backlog())
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(settings.writeBufferLow(), settings.writeBufferHigh()))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel socket) {
            socket.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("requests", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast("gate", new HttpGate(shared));
          }
        });
    if (settings.socketSendBuffer() > 0) {
      bootstrap.childOption(ChannelOption.SO_SNDBUF, settings.socketSendBuffer());
    }
    CompletableFuture<EdgeServer> started = new CompletableFuture<>();
    ChannelFuture bound = bootstrap.bind(new InetSocketAddress(settings.host(), settings.port()));
    bound.addListener(done -> {
      if (done.isSuccess()) {
        log.info("Player port {} on Netty ({}), {} event loops", port(bound.channel()),
            epoll ? "epoll" : "NIO", settings.eventLoops());
        started.complete(new EdgeServer(loops, bound.channel(), sockets));
      } else {
        loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        started.completeExceptionally(done.cause());
      }
    });
    return started;
  }

  private static int port(Channel listener) {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  public int port() {
    return port(listener);
  }

  /** Stops taking connections; open ones stay. */
  public CompletionStage<Void> stopAccepting() {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    listener.close().addListener(done -> closed.complete(null));
    return closed;
  }

  /** Closes every open socket with {@code code} and {@code reason}, each on its own loop. */
  public void closeAll(int code, String reason) {
    sockets.forEach(session -> session.socket().loop().execute(
        () -> session.socket().close(code, reason)));
  }

  /** Waits up to {@code drain} for the sockets to close, then stops the event loops. */
  public CompletionStage<Void> stop(Duration drain) {
    return CompletableFuture.runAsync(() -> {
      long deadline = System.nanoTime() + drain.toNanos();
      while (sockets.count() > 0 && System.nanoTime() < deadline) {
        sleep(20);
      }
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
