package io.arena.server;

import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.ws.Message;
import akka.http.javadsl.model.ws.TextMessage;
import akka.http.javadsl.model.ws.WebSocketUpgrade;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import akka.japi.Pair;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.typed.javadsl.ActorSink;
import io.arena.protocol.Codec;
import io.arena.protocol.Decoded;
import io.arena.protocol.ErrorCode;
import io.arena.protocol.ServerMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The player-facing HTTP side: {@code /ws} per CONTRACT section 2, and the browser client at {@code /}. */
final class EdgeRoutes extends AllDirectives {
  private static final Decoded BINARY_FRAME = new Decoded.Rejected(
      new ServerMessage.Error(ErrorCode.BAD_MESSAGE, "binary frames are not supported; send text"));

  private final ActorSystem<?> system;
  private final PlayerSession.Services services;
  private final ClosableWebSocket sockets;
  private final AtomicLong sessionCounter = new AtomicLong();
  /** The open sockets, by session number, so a stopping node can close each with a code. */
  private final Map<Long, ClosableWebSocket.Closer> open = new ConcurrentHashMap<>();

  EdgeRoutes(ActorSystem<?> system, PlayerSession.Services services) {
    this.system = system;
    this.services = services;
    this.sockets = new ClosableWebSocket(system, services.settings().limits().maxFrameBytes());
  }

  Route route() {
    return concat(
        path("ws", () -> optionalHeaderValueByName("Origin", origin ->
            isAllowed(origin)
                ? extractWebSocketUpgrade(this::accept)
                : complete(StatusCodes.FORBIDDEN, "origin not allowed"))),
        pathSingleSlash(() -> get(() -> getFromResource("web/index.html"))),
        // Browsers ask for it on every page load; answering keeps their consoles free of 404s.
        path("favicon.ico", () -> complete(StatusCodes.NO_CONTENT)));
  }

  /**
   * Browsers always send Origin, so a list of allowed origins keeps other sites' pages from using
   * a visitor's browser as a client; clients that send none are not browsers and are let in.
   */
  private boolean isAllowed(Optional<String> origin) {
    List<String> allowed = services.settings().limits().allowedOrigins();
    return allowed.isEmpty() || origin.isEmpty() || allowed.contains(origin.get());
  }

  private Route accept(WebSocketUpgrade upgrade) {
    long number = sessionCounter.incrementAndGet();
    Pair<HttpResponse, ClosableWebSocket.Closer> accepted = sockets.accept(upgrade,
        closer -> socketFlow(number, closer).watchTermination((notUsed, done) -> {
          done.whenComplete((ignored, failure) -> open.remove(number));
          return notUsed;
        }));
    open.put(number, accepted.second());
    return complete(accepted.first());
  }

  /** Closes every open socket with {@code code} and {@code reason}, as a stopping node does. */
  void closeAll(int code, String reason) {
    open.values().forEach(closer -> closer.close(code, reason));
  }

  /** One socket: frames in to a new {@link PlayerSession}, its frames out through an {@link Outbox}. */
  private Flow<Message, Message, NotUsed> socketFlow(long number, ClosableWebSocket.Closer closer) {
    SocketOutlets.Outlet outlet = new SocketOutlets.Outlet(services.metrics());
    ActorRef<PlayerSession.Command> session = system.systemActorOf(
        PlayerSession.create(outlet, closer, services), "session-" + number, Props.empty());

    // No acknowledgement per frame (it cost two more messages per input): the session handles a
    // frame in far less time than the stream takes to read and decode it, and it drops what a
    // client sends over its rate limit, so its mailbox stays short even under a flood.
    Sink<Message, NotUsed> in = Flow.<Message>create()
        .<PlayerSession.Command>map(message -> new PlayerSession.Received(decode(message, closer)))
        .to(ActorSink.actorRef(session, new PlayerSession.SocketClosed(),
            failure -> new PlayerSession.SocketClosed()));

    // Conflate never backpressures: while the client is slow, frames gather in an Outbox that keeps
    // only the newest state frame, so a slow client never slows its room.
    // The queue runs inside the socket's own stream: a frame offered to it wakes that stream once.
    // (Pre-materialized, it ran in a stream of its own behind a publisher: three actor hops a frame.)
    Source<Message, NotUsed> out = Source.<GameRoom.Frame>queue(services.settings().outboundBuffer())
        .mapMaterializedValue(queue -> {
          outlet.open(queue);
          return NotUsed.getInstance();
        })
        .conflateWithSeed(frame -> new Outbox(services.metrics(), frame), Outbox::add)
        .mapConcat(Outbox::drain)
        .map(TextMessage::create);

    return Flow.fromSinkAndSourceCoupled(in, out);
  }

  /**
   * A whole message ({@link MessageLayer} delivers them strict, cut just past the hard limit).
   * Over the contract's 4 KiB the codec answers with an error; over the hard limit the socket
   * closes (1009) instead: nobody streams megabytes into the server.
   */
  private Decoded decode(Message message, ClosableWebSocket.Closer closer) {
    if (!message.isText()) {
      return BINARY_FRAME;
    }
    String frame = message.asTextMessage().getStrictText();
    int hardLimit = services.settings().limits().maxFrameBytes();
    return isOverLimit(frame, hardLimit) ? tooBig(closer, hardLimit) : Codec.decode(frame);
  }

  private static boolean isOverLimit(String frame, int limitBytes) {
    // Characters never outnumber UTF-8 bytes; count bytes only where it could matter.
    return frame.length() > limitBytes
        || frame.length() > limitBytes / 3 && frame.getBytes(StandardCharsets.UTF_8).length > limitBytes;
  }

  private Decoded tooBig(ClosableWebSocket.Closer closer, int limitBytes) {
    String reason = "frame over " + limitBytes + " bytes";
    closer.close(ClosableWebSocket.MESSAGE_TOO_BIG, reason);
    return new Decoded.Rejected(new ServerMessage.Error(ErrorCode.BAD_MESSAGE, reason));
  }
}
