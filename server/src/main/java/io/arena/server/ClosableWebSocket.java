package io.arena.server;

import akka.actor.typed.ActorSystem;
import akka.event.Logging;
import akka.http.impl.engine.ws.FrameHandler;
import akka.http.impl.engine.ws.UpgradeToWebSocketLowLevel;
import akka.http.impl.engine.ws.WebSocket;
import akka.http.impl.engine.ws.WebSocket$;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.ws.Message;
import akka.http.javadsl.model.ws.WebSocketUpgrade;
import akka.http.scaladsl.settings.ServerSettings;
import akka.http.scaladsl.settings.WebSocketSettings;
import akka.japi.Pair;
import akka.stream.javadsl.BidiFlow;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Source;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import scala.Option;
import scala.jdk.javaapi.DurationConverters;

/**
 * Accepts a WebSocket that the server can close with a close code and reason of its choosing
 * (1012 "service restart" on a graceful stop, so clients know to reconnect and resume).
 *
 * <p>Akka HTTP has no public API for that (akka/akka-http#2458). This composes the lower layers of
 * Akka HTTP's own server stack (masking, frame handling, periodic keep-alive, from
 * {@code akka.http.impl.engine.ws.WebSocket}), one stage that lets a close request (and the close
 * timeout's ticks) into the outbound control stream, and our own {@link MessageLayer} on top.
 * Those are internal classes of the pinned Akka HTTP 10.5.3: re-check this class before changing
 * that version.
 */
final class ClosableWebSocket {
  /** Close codes of RFC 6455 the server uses. */
  static final int POLICY_VIOLATION = 1008;
  static final int MESSAGE_TOO_BIG = 1009;
  static final int SERVICE_RESTART = 1012;

  /** Closes one socket with {@code code} and {@code reason}; later calls do nothing. */
  interface Closer {
    void close(int code, String reason);
  }

  /** Akka HTTP's own default for how long to wait for the peer's close frame. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

  private final ActorSystem<?> system;
  private final WebSocketSettings settings;
  private final int maxMessageChars;

  /** Messages longer than {@code maxMessageChars} reach the handler cut just past it. */
  ClosableWebSocket(ActorSystem<?> system, int maxMessageChars) {
    this.system = system;
    this.maxMessageChars = maxMessageChars;
    // The Java settings object is the Scala one too; the layers below take the Scala type.
    this.settings = ((ServerSettings) akka.http.javadsl.settings.ServerSettings
        .create(system.classicSystem())).websocketSettings();
  }

  /**
   * The upgrade response that runs the handler on the socket; the handler is made with the
   * socket's closer, so it can close its own socket. The closer is returned too.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Pair<HttpResponse, Closer> accept(WebSocketUpgrade upgrade,
      Function<Closer, Flow<Message, Message, ?>> handlerFor) {
    // A future, not a pre-materialized source: that would run a stream of its own per socket.
    CompletableFuture<Object> closeRequest = new CompletableFuture<>();
    Closer closer = (code, reason) -> closeRequest.complete(
        new FrameHandler.ActivelyCloseWithCode(Option.apply(code), reason));
    Flow<Message, Message, ?> handler = handlerFor.apply(closer);
    // The frame layer below also needs ticks to time out a close the peer never answers.
    BidiFlow closeInjection = BidiFlow.fromFlows(
        Flow.create(),
        Flow.create().merge(Source.completionStage(closeRequest), true)
            .merge(Source.tick(CLOSE_TIMEOUT, CLOSE_TIMEOUT, WebSocket.Tick$.MODULE$), true));

    // Raw types: Scala's variance between the layers (a FrameStart is a FrameEvent) has no Java
    // spelling; the shapes line up exactly as in Akka HTTP's own stack.
    WebSocket$ layers = WebSocket$.MODULE$;
    akka.stream.scaladsl.BidiFlow masking = layers.masking(true, settings.randomFactory());
    akka.stream.scaladsl.BidiFlow frameHandling = layers.frameHandling(true,
        DurationConverters.toScala(CLOSE_TIMEOUT),
        Logging.getLogger(system.classicSystem(), ClosableWebSocket.class));
    akka.stream.scaladsl.BidiFlow keepAlive = layers.periodicKeepAlive(settings);
    akka.stream.scaladsl.BidiFlow messages = akka.stream.scaladsl.BidiFlow.fromGraph(
        new MessageLayer(maxMessageChars));
    akka.stream.scaladsl.BidiFlow stack = masking.atop(frameHandling).atop(keepAlive)
        .atop(closeInjection.asScala()).atop(messages);

    // The message API speaks scaladsl messages, which are javadsl ones too; back again by asScala.
    Flow<Object, Object, ?> userHandler = Flow.create()
        .map(message -> (Message) message)
        .via(handler)
        .map(Message::asScala);
    akka.stream.scaladsl.Flow frames = stack.join(userHandler.asScala());

    HttpResponse response = ((UpgradeToWebSocketLowLevel) upgrade).handleFrames(frames, Option.empty());
    return Pair.create(response, closer);
  }
}
