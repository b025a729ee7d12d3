package io.arena.loadtest;

import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.arena.protocol.StateFormat;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.WsFrameCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The steps a player takes, as Gatling chains shared by the simulations. A player's socket is named
 * after its generation ({@code ws0}, {@code ws1}, ...), so after a lost connection it opens a new
 * one elsewhere. Session keys: index, room, attempt, gen, playerId, resume, seq, frames and
 * compactStates (with {@code -Dstate=compact}, the socket's decoder).
 */
final class Play {
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
  /** The type of a reply: every server frame starts with it (see protocol/README.md). */
  private static final String TYPE = "^\\{\"type\":\"(\\w+)\"";
  private static final String FRAMES = "frames";
  private static final String STATES = "compactStates";
  private static final String JOINED = "{\"type\":\"joined\"";
  /** Unmatched frames kept between two inputs; at 20 Hz a player sees one or two. */
  private static final int UNMATCHED_BUFFER = 64;

  private final LoadSettings settings;

  Play(LoadSettings settings) {
    this.settings = settings;
  }

  HttpProtocolBuilder protocol() {
    return http.wsUnmatchedInboundMessageBufferSize(UNMATCHED_BUFFER);
  }

  /** Player number {@code userId - 1}, in its room, with a fresh count of frames. */
  ChainBuilder arrive() {
    return exec(session -> {
      long index = session.userId() - 1;
      return session.setAll(Map.of(
          "index", index, "room", settings.roomOf(index), "attempt", 0, "gen", 0, "seq", 0L,
          FRAMES, new Frames()));
    });
  }

  /** A new socket: its compact states (if it reads them) start afresh. */
  ChainBuilder connect(String requestName) {
    return exec(Play::newStates).exec(ws(requestName).wsName(Play::socket)
        .connect(session -> settings.targetFor(session.getString("room"), session.getInt("attempt"))));
  }

  private static Session newStates(Session session) {
    if (session.contains(STATES)) {
      session.<CompactStates>get(STATES).close();
    }
    return session.set(STATES, new CompactStates());
  }

  /** A guest join; fails at once on an {@code error} reply (room_full, unavailable). */
  ChainBuilder join(String requestName) {
    return exec(Play::endVisit).exec(ws("send " + requestName).wsName(Play::socket)
        .sendText(session -> "{\"type\":\"join\",\"room\":\"" + session.getString("room")
            + "\",\"name\":\"p" + session.getLong("index") + "\"}")
        .await(JOIN_TIMEOUT).on(joined(requestName)));
  }

  /**
   * A quick join (no room: the server picks or opens one of {@code mode}) through the player's
   * own edge; the room it got becomes the session's {@code room}.
   */
  ChainBuilder quickJoin(String requestName, String mode) {
    return quickJoin(requestName, "arena", mode);
  }

  /** A quick join of {@code game}'s pool of {@code mode} (protocol/README.md section 12.1). */
  ChainBuilder quickJoin(String requestName, String game, String mode) {
    return exec(Play::endVisit).exec(ws("send " + requestName).wsName(Play::socket)
        .sendText(session -> "{\"type\":\"join\",\"name\":\"p" + session.getLong("index")
            + "\",\"game\":\"" + game + "\",\"mode\":\"" + mode + "\"}")
        .await(JOIN_TIMEOUT).on(joined(requestName)));
  }

  /** Back as the same player, with the token of the last {@code joined}. */
  ChainBuilder resume(String requestName) {
    return exec(Play::endVisit).exec(ws("send " + requestName).wsName(Play::socket)
        .sendText(session -> "{\"type\":\"join\",\"resume\":\"" + session.getString("resume") + "\"}")
        .await(JOIN_TIMEOUT).on(joined(requestName)));
  }

  /** Completes request {@code name} on the reply to a join: {@code joined}, or a failure. */
  private static WsFrameCheck joined(String name) {
    return ws.checkTextMessage(name)
        .matching(regex(TYPE).in("joined", "error"))
        // On an error the report shows the whole reply: its code and message.
        .check(bodyString().transform(reply -> reply.startsWith(JOINED) ? "joined" : reply).is("joined"),
            jsonPath("$.playerId").saveAs("playerId"),
            jsonPath("$.resume").saveAs("resume"),
            jsonPath("$.room").saveAs("room"));
  }

  /**
   * One input at the configured rate: one Gatling request that completes on the first state frame
   * whose {@code acks[me]} reaches its seq, so its response time is the input-to-acknowledgement
   * latency. Every frame is seen, in the order it came: first those that came since the last
   * request (Gatling keeps them), then those that come while this one waits (Gatling drops them
   * after the match conditions saw them).
   */
  ChainBuilder input() {
    return pace(settings.inputInterval())
        .exec(ws.processUnmatchedMessages(Play::socket, Play::seeUnmatched))
        .exec(session -> session.set("seq", session.getLong("seq") + 1))
        .exec(ws("send input").wsName(Play::socket)
            .sendText(Play::inputFrame)
            .await(settings.ackTimeout()).on(acknowledged()));
  }

  /** The state that acknowledges the input: JSON text, or a compact binary frame. */
  private WsFrameCheck acknowledged() {
    if (settings.stateFormat() == StateFormat.COMPACT) {
      return ws.checkBinaryMessage("input")
          .matching(bodyBytes().transformWithSession(Play::compactAckOf).gte(session -> session.getLong("seq")));
    }
    return ws.checkTextMessage("input")
        .matching(bodyString().transformWithSession(Play::ackOf).gte(session -> session.getLong("seq")));
  }

  private static Session seeUnmatched(List<WsInboundMessage> messages, Session session) {
    Frames frames = session.get(FRAMES);
    for (WsInboundMessage message : messages) {
      if (message instanceof WsInboundMessage.Text text) {
        frames.see(text.message());
      } else if (message instanceof WsInboundMessage.Binary binary) {
        session.<CompactStates>get(STATES).apply(binary.message(), frames::seeState);
      }
    }
    return session;
  }

  /** Counts {@code frame}, and answers its ack of this player's input (-1 if none). */
  private static long ackOf(String frame, Session session) {
    session.<Frames>get(FRAMES).see(frame);
    // The ack is the only place the id stands as a key; the acks come last.
    return Frames.numberAfter(frame, frame.lastIndexOf("\"" + session.getString("playerId") + "\":"));
  }

  /** Decodes and counts {@code frame}, and answers this player's ack (-1 if none yet). */
  private static long compactAckOf(byte[] frame, Session session) {
    CompactStates states = session.get(STATES);
    states.apply(frame, session.<Frames>get(FRAMES)::seeState);
    return states.ackOf(session.getString("playerId"));
  }

  ChainBuilder leave() {
    return exec(ws("leave").wsName(Play::socket).sendText("{\"type\":\"leave\"}"));
  }

  ChainBuilder close() {
    return exec(ws("close").wsName(Play::socket).close());
  }

  /** Adds this player's frame counts to the run's {@link Tally}. */
  ChainBuilder depart() {
    return exec(Play::endVisit);
  }

  private static Session endVisit(Session session) {
    session.<Frames>get(FRAMES).endVisit();
    return session;
  }

  /** The next socket generation, on the next edge: the old socket is gone or no longer trusted. */
  static Session nextSocket(Session session) {
    return session.markAsSucceeded()
        .set("gen", session.getInt("gen") + 1)
        .set("attempt", session.getInt("attempt") + 1);
  }

  /**
   * After a failed input: if the socket still answers a ping, the player stays on it (its edge
   * re-attaches it to the room wherever the room now runs); otherwise it connects to the next
   * edge and resumes, up to {@code tries} times.
   */
  ChainBuilder recover(int tries) {
    return exec(Session::markAsSucceeded)
        .exec(ws("alive").wsName(Play::socket)
            .sendText("{\"type\":\"ping\",\"t\":0}")
            .await(PING_TIMEOUT).on(ws.checkTextMessage("pong").matching(regex(TYPE).is("pong"))))
        .doIf(Session::isFailed).then(
            exec(session -> {
              Tally.reconnects.increment();
              return session;
            })
            .tryMax(tries).on(exec(Play::nextSocket), connect("reconnect"), resume("resume"))
            .doIf(Session::isFailed).then(exec(session -> {
              Tally.reconnectsFailed.increment();
              return session;
            })));
  }

  static String socket(Session session) {
    return "ws" + session.getInt("gen");
  }

  private static String inputFrame(Session session) {
    // Each player circles at its own phase: moves that are cheap to make and never repeat.
    long seq = session.getLong("seq");
    double angle = session.getLong("index") * 0.7 + seq * 0.05;
    return "{\"type\":\"input\",\"seq\":" + seq + ",\"dx\":" + round(Math.cos(angle))
        + ",\"dy\":" + round(Math.sin(angle)) + "}";
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

}
