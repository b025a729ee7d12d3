package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.http.impl.engine.ws.FrameHandler;
import akka.http.impl.engine.ws.FrameStart;
import akka.http.scaladsl.model.ws.Message;
import akka.http.scaladsl.model.ws.PeerClosedConnectionException;
import akka.http.scaladsl.model.ws.TextMessage;
import akka.japi.Pair;
import akka.stream.javadsl.BidiFlow;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Option;

/** The top of the socket stack: whole messages up, frames down, closes passed both ways. */
class MessageLayerTest {
  private static final int MAX_CHARS = 10;
  private static ActorTestKit testKit;

  @BeforeAll
  static void startTestKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  /**
   * What reached the handler, and the first {@code downCount} elements that went down to the
   * network, for these events from the network (whose connection then stays open).
   */
  private static Pair<List<Message>, List<Object>> run(List<Object> fromNetwork,
      List<Message> fromHandler, int downCount) throws Exception {
    Flow<Message, Message, CompletionStage<List<Message>>> handler =
        Flow.fromSinkAndSourceMat(Sink.seq(), Source.from(fromHandler), Keep.left());
    Pair<CompletionStage<List<Message>>, CompletionStage<List<Object>>> result =
        Source.from(fromNetwork).concat(Source.maybe())
            .viaMat(layer().join(handler, (layer, received) -> received), Keep.right())
            .take(downCount)
            .toMat(Sink.seq(), Keep.both())
            .run(testKit.system());
    return Pair.create(result.first().toCompletableFuture().get(5, TimeUnit.SECONDS),
        result.second().toCompletableFuture().get(5, TimeUnit.SECONDS));
  }

  private static BidiFlow<Object, Message, Message, Object, akka.NotUsed> layer() {
    return BidiFlow.fromGraph(new MessageLayer(MAX_CHARS));
  }

  private static FrameHandler.PeerClosed peerClosed(int code) {
    return new FrameHandler.PeerClosed(Option.apply(code), "bye");
  }

  @Test
  void messagesReachTheHandlerWholeAndOverlongOnesCutJustPastTheLimit() throws Exception {
    Pair<List<Message>, List<Object>> result = run(List.of(
        new FrameHandler.TextMessagePart("hel", false),
        new FrameHandler.TextMessagePart("lo", true),
        FrameHandler.MessageEnd$.MODULE$,
        new FrameHandler.TextMessagePart("x".repeat(8), false),
        new FrameHandler.TextMessagePart("y".repeat(8), true),
        FrameHandler.MessageEnd$.MODULE$,
        new FrameHandler.TextMessagePart("z".repeat(40), true),
        FrameHandler.MessageEnd$.MODULE$,
        peerClosed(1000)), List.of(), 2);
    assertEquals(List.of(TextMessage.Strict$.MODULE$.apply("hello"),
            TextMessage.Strict$.MODULE$.apply("xxxxxxxxyyy"),
            TextMessage.Strict$.MODULE$.apply("z".repeat(MAX_CHARS + 1))),
        result.first());
    assertTrue(result.second().contains(peerClosed(1000)), "the close goes down: " + result.second());
  }

  @Test
  void handlersMessagesGoDownAsTextFramesThenItsEnd() throws Exception {
    Pair<List<Message>, List<Object>> result = run(List.of(peerClosed(1000)),
        List.of(TextMessage.Strict$.MODULE$.apply("état")), 3);
    FrameStart frame = (FrameStart) result.second().stream()
        .filter(FrameStart.class::isInstance).findFirst().orElseThrow();
    assertEquals(ByteString.fromString("état", StandardCharsets.UTF_8), frame.data());
    assertTrue(frame.isFullMessage());
    assertEquals(1, frame.header().opcode().code());
    assertTrue(result.second().indexOf(FrameHandler.UserHandlerCompleted$.MODULE$)
        > result.second().indexOf(frame), "the handler's end follows its frames: " + result.second());
  }

  @Test
  void peerClosingWithAnErrorCodeFailsTheHandlersSide() {
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> run(List.of(peerClosed(1002)), List.of(), 2));
    assertInstanceOf(PeerClosedConnectionException.class, failure.getCause());
    assertEquals(1002, ((PeerClosedConnectionException) failure.getCause()).closeCode());
  }
}
