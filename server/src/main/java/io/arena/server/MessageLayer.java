package io.arena.server;

import akka.http.impl.engine.ws.FrameEvent$;
import akka.http.impl.engine.ws.FrameHandler;
import akka.http.impl.engine.ws.Protocol;
import akka.http.impl.engine.ws.ProtocolException;
import akka.http.scaladsl.model.ws.BinaryMessage;
import akka.http.scaladsl.model.ws.Message;
import akka.http.scaladsl.model.ws.PeerClosedConnectionException;
import akka.http.scaladsl.model.ws.TextMessage;
import akka.stream.Attributes;
import akka.stream.BidiShape;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.GraphStage;
import akka.stream.stage.GraphStageLogic;
import akka.util.ByteString;
import java.nio.charset.StandardCharsets;
import scala.Option;

/**
 * The top layer of {@link ClosableWebSocket}'s stack, in place of Akka HTTP's own message layer:
 * whole messages up to the handler, the handler's messages down as frames, and the protocol's
 * control events (pings, closes) past the handler. Akka HTTP's layer materializes two substreams
 * for every incoming message and a source for every outgoing one; at 20 inputs and 20 frames a
 * second per player that cost more than all the game's own work. This one does the same with
 * one stage and no allocation beyond the messages themselves.
 *
 * <p>Messages arrive strict. A message longer than {@code maxChars} is cut to {@code maxChars + 1}
 * characters (bytes, for binary), so the handler sees that it is too long without the server
 * holding all of it. Only strict messages go out: this server sends nothing else.
 */
final class MessageLayer extends GraphStage<BidiShape<Object, Message, Message, Object>> {
  /** RFC 6455 opcodes (Akka HTTP's own constants are Scala objects that Java cannot name). */
  private static final Protocol.Opcode TEXT = Protocol.Opcode$.MODULE$.forCode((byte) 1);
  private static final Protocol.Opcode BINARY = Protocol.Opcode$.MODULE$.forCode((byte) 2);

  private final Inlet<Object> fromNetwork = Inlet.create("MessageLayer.fromNetwork");
  private final Outlet<Message> toHandler = Outlet.create("MessageLayer.toHandler");
  private final Inlet<Message> fromHandler = Inlet.create("MessageLayer.fromHandler");
  private final Outlet<Object> toNetwork = Outlet.create("MessageLayer.toNetwork");
  private final BidiShape<Object, Message, Message, Object> shape =
      BidiShape.of(fromNetwork, toHandler, fromHandler, toNetwork);
  private final int maxChars;

  MessageLayer(int maxChars) {
    this.maxChars = maxChars;
  }

  @Override
  public BidiShape<Object, Message, Message, Object> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {
      /** The parts so far of a message that came in several frames; null between messages. */
      private StringBuilder text;
      private ByteString binary;

      {
        setHandler(fromNetwork, new AbstractInHandler() {
          @Override
          public void onPush() {
            fromNetwork(grab(fromNetwork));
          }
        });
        setHandler(toHandler, new AbstractOutHandler() {
          @Override
          public void onPull() {
            // The network is pulled once each element is handed on (as in Akka HTTP's layer),
            // not on this demand: control events need no demand from the handler.
          }

          @Override
          public void onDownstreamFinish(Throwable cause) {
            // The handler stopped reading; the close handshake below still has to go through.
          }
        });
        setHandler(fromHandler, new AbstractInHandler() {
          @Override
          public void onPush() {
            emit(toNetwork, frameOf(grab(fromHandler)), () -> pull(fromHandler));
          }

          @Override
          public void onUpstreamFinish() {
            emit(toNetwork, FrameHandler.UserHandlerCompleted$.MODULE$);
          }

          @Override
          public void onUpstreamFailure(Throwable failure) {
            emit(toNetwork, new FrameHandler.UserHandlerErredOut(failure));
          }
        });
        setHandler(toNetwork, new AbstractOutHandler() {
          @Override
          public void onPull() {
            // Elements go down by emit, which waits for this demand itself.
          }
        });
      }

      @Override
      public void preStart() {
        pull(fromNetwork);
        pull(fromHandler);
      }

      private void fromNetwork(Object event) {
        if (event instanceof FrameHandler.BypassEvent) {
          // Closes are also the end of the handler's messages: down first, then tell the handler.
          emit(toNetwork, event, () -> {
            if (event instanceof FrameHandler.PeerClosed closed) {
              peerClosed(closed);
            } else if (event instanceof FrameHandler.ActivelyCloseWithCode close) {
              fail(toHandler, Protocol.CloseCodes$.MODULE$.isError(codeOf(close.code()))
                  ? ProtocolException.apply("Closing connection with error code " + close.code())
                  : new IllegalStateException("Regular close from FrameHandler is unexpected"));
            }
            pullNetwork();
          });
        } else if (event instanceof FrameHandler.TextMessagePart part) {
          if (text == null && part.last()) {
            toHandler(TextMessage.Strict$.MODULE$.apply(cut(part.data())));
            return;
          }
          text = text == null ? new StringBuilder() : text;
          text.append(part.data(), 0, Math.min(part.data().length(), maxChars + 1 - text.length()));
          if (part.last()) {
            String whole = text.toString();
            text = null;
            toHandler(TextMessage.Strict$.MODULE$.apply(whole));
          } else {
            pullNetwork();
          }
        } else if (event instanceof FrameHandler.BinaryMessagePart part) {
          binary = binary == null ? part.data() : binary.concat(part.data());
          binary = binary.take(maxChars + 1);
          if (part.last()) {
            ByteString whole = binary;
            binary = null;
            toHandler(BinaryMessage.Strict$.MODULE$.apply(whole));
          } else {
            pullNetwork();
          }
        } else {
          pullNetwork(); // MessageEnd: parts carry their own "last"
        }
      }

      private void peerClosed(FrameHandler.PeerClosed closed) {
        int code = codeOf(closed.code());
        if (Protocol.CloseCodes$.MODULE$.isError(code)) {
          fail(toHandler, new PeerClosedConnectionException(code, closed.reason()));
        } else if (text != null || binary != null) {
          fail(toHandler, ProtocolException.apply(
              "Truncated message, peer closed connection in the middle of message."));
        } else {
          complete(toHandler);
        }
      }

      private void toHandler(Message message) {
        if (isClosed(toHandler)) {
          pullNetwork();
        } else {
          emit(toHandler, message, this::pullNetwork);
        }
      }

      private void pullNetwork() {
        if (!hasBeenPulled(fromNetwork) && !isClosed(fromNetwork)) {
          pull(fromNetwork);
        }
      }
    };
  }

  private String cut(String text) {
    return text.length() > maxChars + 1 ? text.substring(0, maxChars + 1) : text;
  }

  private static int codeOf(Option<Object> code) {
    return code.isDefined() ? (Integer) code.get() : Protocol.CloseCodes$.MODULE$.Regular();
  }

  private static Object frameOf(Message message) {
    if (message instanceof TextMessage.Strict text) {
      return FrameEvent$.MODULE$.fullFrame(TEXT, Option.empty(),
          ByteString.fromString(text.text(), StandardCharsets.UTF_8), true, false, false, false);
    }
    if (message instanceof BinaryMessage.Strict binary) {
      return FrameEvent$.MODULE$.fullFrame(BINARY, Option.empty(),
          binary.data(), true, false, false, false);
    }
    throw new IllegalArgumentException("only strict messages go out, not " + message.getClass());
  }
}
