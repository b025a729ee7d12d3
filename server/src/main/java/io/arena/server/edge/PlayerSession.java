package io.arena.server.edge;

import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import io.arena.game.InputSchema;
import io.arena.protocol.ClientMessage;
import io.arena.protocol.Codec;
import io.arena.protocol.Decoded;
import io.arena.protocol.ErrorCode;
import io.arena.protocol.ServerMessage;
import io.arena.server.config.GameSettings;
import io.arena.server.lobby.RoomDirectory;
import io.arena.server.metrics.GameMetrics;
import io.arena.server.room.GameCatalog;
import io.arena.server.room.GameRoom;
import io.arena.server.room.RoomProfile;
import io.arena.server.room.RoomUpdate;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One player's socket: the facade between a client's {@code protocol} messages and its room's
 * commands. It validates what the codec cannot (order of messages, strictly increasing
 * {@code seq}), applies the rate limit, signs and checks resume tokens, maps every refusal to a
 * deliberate {@code error}, and re-attaches to the room when the room moves to another node.
 *
 * <p>Confined to its socket's event loop: every method runs there, so nothing here is shared and
 * nothing is an actor. An input costs one message, to the room, or a share of one when the room is
 * on another node ({@link InputBatcher}).
 */
public final class PlayerSession {

  /** What a session needs from its node; {@code playerTokens} is empty when guests may play. */
  public record Services(
      Function<String, RecipientRef<GameRoom.Command>> roomFor,
      ActorRef<RoomUpdate> relay,
      ResumeTokens resumeTokens,
      Optional<PlayerTokens> playerTokens,
      Clock clock,
      GameSettings settings,
      GameMetrics metrics,
      RoomDirectory directory,
      QuickJoins quickJoins,
      GameCatalog games,
      InputBatcher inputs) {}

  private enum Phase { IDLE, JOINING, JOINED }

  /**
   * After the room stopped, rejoin on a short beat: the first try can race the shard region's own
   * news of the dead node and be routed there. Rejoining is idempotent; 60 tries outlast a failover.
   */
  private static final Duration REATTACH_INTERVAL = Duration.ofMillis(500);
  private static final int MAX_REATTACH_ATTEMPTS = 60;
  /** At most one rate_limited error per this interval: a flood must not become a flood back. */
  private static final long RATE_ERROR_INTERVAL_MILLIS = 250;
  /**
   * A client counts as calm again after this long without a refused frame. (Frames that pass do
   * not reset it: a flood over the limit still gets the limit's worth through.)
   */
  private static final long CALM_AFTER_MILLIS = 1000;
  /**
   * Rooms a quick join tries before it gives up: the listed ones and this edge's own, then new ones
   * of this edge if those keep refusing (a node at its limit of rooms).
   */
  private static final int MAX_QUICK_ATTEMPTS = 8;
  private static final Decoded BINARY_FRAME = new Decoded.Rejected(
      new ServerMessage.Error(ErrorCode.BAD_MESSAGE, "binary frames are not supported; send text"));

  private final PlayerSocket socket;
  private final Services services;
  private final GameSettings.Limits limits;
  /** How rooms address this socket. */
  private final GameRoom.Connection connection;
  private final TokenBucket rateLimit;
  private long lastReceivedMillis;
  /** When the client's current run of refused frames began; -1 before the first. */
  private long limitedSinceMillis = -1;
  private long lastRefusedMillis;
  private long lastRateErrorMillis;

  private Phase phase = Phase.IDLE;
  /** A joined session whose room stopped: frames pause until the room answers the rejoin. */
  private boolean reattaching;
  private int reattachAttempts;
  private ScheduledFuture<?> joinTimer;
  private String room;
  private String playerId;
  private ActorRef<GameRoom.Command> roomRef;
  /** This node's list of the room's sockets that this session is on: its frames are ours. */
  private RoomSockets attachedTo;
  private long lastSeq;
  /** The fields of the room's inputs; the default game's until a room says which it plays. */
  private InputSchema inputs;
  /** A quick join under way: the join it sends, the rooms left to try and how many it tried. */
  private GameRoom.Join quickJoin;
  private List<String> quickCandidates;
  private int quickAttempts;

  PlayerSession(PlayerSocket socket, Services services) {
    this.socket = socket;
    this.services = services;
    this.limits = services.settings().limits();
    this.connection = new GameRoom.Connection(services.relay(), socket.id(), socket.stateFormat());
    long now = services.clock().millis();
    this.rateLimit = new TokenBucket(limits.messagesPerSecond(), limits.messageBurst(), now);
    this.lastReceivedMillis = now;
    this.inputs = services.games().inputs(RoomProfile.DEFAULT_GAME);
  }

  PlayerSocket socket() {
    return socket;
  }

  // ---- from the client ----

  /** A whole text message (at most the hard limit; the socket closes on longer ones). */
  void onText(ByteBuf utf8) {
    if (admit()) {
      handle(Codec.decode(utf8.toString(StandardCharsets.UTF_8), inputs));
    }
  }

  void onBinary() {
    if (admit()) {
      handle(BINARY_FRAME);
    }
  }

  /** Counts the frame against the rate limit; false if it is dropped for it. */
  private boolean admit() {
    services.metrics().framesIn.inc();
    long now = services.clock().millis();
    lastReceivedMillis = now;
    if (rateLimit.tryTake(now)) {
      return true;
    }
    if (limitedSinceMillis < 0 || now - lastRefusedMillis >= CALM_AFTER_MILLIS) {
      limitedSinceMillis = now;
    }
    lastRefusedMillis = now;
    if (now - limitedSinceMillis >= limits.abuseCloseAfter().toMillis()) {
      socket.close(CloseCodes.POLICY_VIOLATION,
          "over " + limits.messagesPerSecond() + " messages per second for too long");
    } else if (now - lastRateErrorMillis >= RATE_ERROR_INTERVAL_MILLIS) {
      lastRateErrorMillis = now;
      reject(ErrorCode.RATE_LIMITED, "over " + limits.messagesPerSecond()
          + " messages per second; frames are dropped until you slow down");
    } else {
      services.metrics().rejectedFrames.inc();
    }
    return false;
  }

  /** Closes a socket that has sent nothing for the idle timeout. */
  void checkIdle() {
    if (services.clock().millis() - lastReceivedMillis >= limits.idleTimeout().toMillis()) {
      socket.close(CloseCodes.POLICY_VIOLATION, "silent for " + limits.idleTimeout().toSeconds()
          + " s: send a ping now and then to stay connected");
    }
  }

  private void handle(Decoded decoded) {
    if (decoded instanceof Decoded.Rejected rejected) {
      reject(rejected.error());
    } else if (decoded instanceof Decoded.Message message) {
      handle(message.message());
    }
  }

  private void handle(ClientMessage message) {
    if (message instanceof ClientMessage.Ping ping) {
      socket.send(new ServerMessage.Pong(ping.t(), services.clock().millis()));
    } else if (message instanceof ClientMessage.Join join) {
      if (mayJoin()) {
        join(join);
      }
    } else if (message instanceof ClientMessage.Resume resume) {
      if (mayJoin()) {
        services.resumeTokens().verify(resume.token()).ifPresentOrElse(
            claim -> beginJoin(claim.room(), new GameRoom.Rejoin(claim.playerId(), connection)),
            () -> reject(ErrorCode.INVALID_TOKEN, "resume token is not valid"));
      }
    } else if (phase != Phase.JOINED) {
      reject(ErrorCode.NOT_JOINED, "join a room first");
    } else if (message instanceof ClientMessage.Input input) {
      if (input.seq() <= lastSeq) {
        reject(ErrorCode.BAD_MESSAGE, "field 'seq' must be greater than " + lastSeq);
      } else {
        lastSeq = input.seq();
        services.inputs().send(socket.loop(), roomRef,
            new GameRoom.ApplyInput(playerId, input.seq(), input.values()));
      }
    } else if (message instanceof ClientMessage.Chat chat) {
      roomRef.tell(new GameRoom.Say(playerId, chat.text()));
    } else if (message instanceof ClientMessage.Leave) {
      roomEntity().tell(new GameRoom.Leave(playerId));
      becomeIdle();
    }
  }

  /** A guest join, or, when the server requires player tokens, a join as the token's subject. */
  private void join(ClientMessage.Join join) {
    String proven = null;
    if (services.playerTokens().isPresent()) {
      if (join.token() == null) {
        reject(ErrorCode.INVALID_TOKEN, "this server requires a player token (JWT) on join");
        return;
      }
      PlayerTokens.Verdict verdict = services.playerTokens().get().verify(join.token());
      if (verdict instanceof PlayerTokens.Invalid invalid) {
        reject(ErrorCode.INVALID_TOKEN, invalid.reason());
        return;
      }
      proven = ((PlayerTokens.Valid) verdict).playerId();
    }
    if (join.game() != null && !services.games().hosts(join.game())) {
      reject(ErrorCode.UNKNOWN_GAME, "this server hosts no game '" + join.game() + "'; it has "
          + String.join(", ", services.games().ids()));
      return;
    }
    // A quick join's pool is its game and mode: one that names no game plays the default game.
    String game = join.isQuick() && join.game() == null ? RoomProfile.DEFAULT_GAME : join.game();
    GameRoom.Join request = new GameRoom.Join(join.name(), proven, connection, game, join.mode(),
        join.isPrivate(), join.isQuick());
    if (join.isQuick()) {
      quickJoin = request;
      quickCandidates = services.quickJoins().candidates(game, join.mode());
      quickAttempts = 0;
      tryNextQuickRoom();
    } else {
      beginJoin(join.room(), request);
    }
  }

  /** The next room for the quick join under way; past the last, a new one of this edge's. */
  private void tryNextQuickRoom() {
    if (quickAttempts++ == MAX_QUICK_ATTEMPTS) {
      String pool = quickJoin.game() + ", mode " + quickJoin.mode();
      quickJoin = null;
      reject(ErrorCode.UNAVAILABLE, "no room of " + pool + " could seat you now; try again");
      becomeIdle();
      return;
    }
    String next = quickCandidates.isEmpty()
        ? services.quickJoins().openRoom(quickJoin.game(), quickJoin.mode())
        : quickCandidates.remove(0);
    beginJoin(next, quickJoin);
  }

  /** A room did not seat the quick join under way (or did not answer): on to the next. */
  private void quickRoomRefused() {
    services.quickJoins().refused(quickJoin.game(), quickJoin.mode(), room);
    tryNextQuickRoom();
  }

  private boolean mayJoin() {
    if (phase == Phase.JOINED) {
      reject(ErrorCode.BAD_MESSAGE, "already in room " + room + "; send leave first");
      return false;
    }
    if (phase == Phase.JOINING) {
      reject(ErrorCode.BAD_MESSAGE, "a join is already under way");
      return false;
    }
    return true;
  }

  private void beginJoin(String room, GameRoom.Command join) {
    this.room = room;
    phase = Phase.JOINING;
    roomEntity().tell(join);
    // The room answers within its own join timeout; this bounds a room that is not there at all.
    startJoinTimer(services.settings().writeTimeout().multipliedBy(2));
  }

  // ---- from the room, through this node's EdgeRelay ----

  /** A control frame of {@code from}'s room, shown only while this session is attached there. */
  void onRoomFrame(RoomSockets from, ByteBuf wire) {
    if (from == attachedTo && !reattaching) {
      socket.sendShared(wire);
    }
  }

  /** A state of {@code from}'s room, shown only while this session is attached there. */
  void onRoomState(RoomSockets from, StateWire state) {
    if (from == attachedTo && !reattaching) {
      socket.sendState(state);
    }
  }

  void onJoinAccepted(RoomUpdate.JoinAccepted accepted, RoomSockets via) {
    boolean welcome = phase == Phase.JOINING && accepted.room().equals(room);
    if (phase == Phase.JOINED && !reattaching && accepted.playerId().equals(playerId)) {
      return; // the answer to a retried rejoin that an earlier one already settled
    }
    if (!welcome && !reattaching) {
      // Too late: this session gave up on the join. Let the room know nobody is here.
      accepted.roomRef().tell(new GameRoom.Disconnect(accepted.playerId(), connection));
      return;
    }
    cancelJoinTimer();
    phase = Phase.JOINED;
    quickJoin = null;
    reattaching = false;
    playerId = accepted.playerId();
    roomRef = accepted.roomRef();
    if (attachedTo != via) {
      // Another room, or this room's new run after a failover: its states start afresh.
      socket.startStateStream();
      attachedTo = via;
    }
    lastSeq = Math.max(lastSeq, accepted.lastSeq());
    inputs = services.games().inputs(accepted.game());
    if (welcome) {
      socket.send(new ServerMessage.Joined(accepted.room(), accepted.game(), accepted.playerId(),
          services.resumeTokens().issue(accepted.room(), accepted.playerId()), accepted.tick(),
          accepted.tickRate(), lastSeq));
    }
  }

  void onJoinRefused(String from, RoomUpdate.Refusal reason, String detail) {
    if (!from.equals(room)) {
      return; // a room this session no longer waits for (a quick join moved on)
    }
    if (reattaching && reason == RoomUpdate.Refusal.UNAVAILABLE) {
      return; // a room still recovering: the pending timer asks again
    }
    if (phase == Phase.JOINING && quickJoin != null) {
      quickRoomRefused();
      return;
    }
    if (phase == Phase.JOINING || reattaching) {
      reject(refusalError(reason, detail));
      becomeIdle();
    }
  }

  /** The room's game refused an input of this session's player. */
  void onInputRefused(RoomSockets from, String reason) {
    if (phase == Phase.JOINED && from == attachedTo) {
      reject(ErrorCode.BAD_MOVE, reason);
    }
  }

  /** The player connected again elsewhere: this socket no longer speaks for it. */
  void onTakenOver(RoomSockets from) {
    if (phase == Phase.JOINED && from == attachedTo) {
      reject(ErrorCode.NOT_JOINED, "this player connected again elsewhere");
      becomeIdle();
    }
  }

  /**
   * The room stopped (hand-off) or its node died: ask sharding for it again, where it now lives.
   * The player notices only a pause in state frames.
   */
  void onRoomStopped(RoomSockets stopped) {
    if (phase == Phase.JOINED && stopped == attachedTo && !reattaching) {
      reattaching = true;
      reattachAttempts = 0;
      reattach();
    }
  }

  /**
   * The room through sharding, wherever it lives now. Inputs and chat go straight to
   * {@code roomRef} (one hop less) and may be lost while a room moves; a join, a leave or a
   * rejoin must not be, so they go this way, which holds them until the room is back.
   */
  private RecipientRef<GameRoom.Command> roomEntity() {
    return services.roomFor().apply(room);
  }

  private void reattach() {
    reattachAttempts++;
    roomEntity().tell(new GameRoom.Rejoin(playerId, connection));
    startJoinTimer(REATTACH_INTERVAL);
  }

  private void onJoinTimedOut() {
    joinTimer = null;
    if (reattaching && reattachAttempts < MAX_REATTACH_ATTEMPTS) {
      reattach();
    } else if (phase == Phase.JOINING && quickJoin != null) {
      quickRoomRefused();
    } else if (phase == Phase.JOINING || reattaching) {
      reject(ErrorCode.UNAVAILABLE, "room " + room + " did not answer in time; try again");
      becomeIdle();
    }
  }

  private void startJoinTimer(Duration after) {
    cancelJoinTimer();
    joinTimer = socket.loop().schedule(this::onJoinTimedOut, after.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void cancelJoinTimer() {
    if (joinTimer != null) {
      joinTimer.cancel(false);
      joinTimer = null;
    }
  }

  private void becomeIdle() {
    cancelJoinTimer();
    phase = Phase.IDLE;
    quickJoin = null;
    reattaching = false;
    reattachAttempts = 0;
    roomRef = null;
    attachedTo = null;
    playerId = null;
    lastSeq = 0;
  }

  /** The socket closed. */
  void onClosed() {
    // Straight to the room: the quick way. A room that is moving needs nothing: it comes back with
    // its players disconnected. (Through sharding, a node that is stopping would hold this for a
    // room it is handing off.)
    if (phase == Phase.JOINED && !reattaching) {
      roomRef.tell(new GameRoom.Disconnect(playerId, connection));
    }
    becomeIdle();
  }

  private ServerMessage.Error refusalError(RoomUpdate.Refusal reason, String detail) {
    return switch (reason) {
      case ROOM_FULL -> new ServerMessage.Error(ErrorCode.ROOM_FULL, "room " + room + " is full");
      case UNKNOWN_PLAYER -> new ServerMessage.Error(ErrorCode.INVALID_TOKEN,
          "resume token names no player of room " + room);
      case UNKNOWN_GAME -> new ServerMessage.Error(ErrorCode.UNKNOWN_GAME, detail);
      case WRONG_GAME -> new ServerMessage.Error(ErrorCode.WRONG_GAME, detail);
      case GAME_REFUSED -> new ServerMessage.Error(ErrorCode.JOIN_REFUSED, detail);
      default -> new ServerMessage.Error(ErrorCode.UNAVAILABLE,
          "room " + room + " is unavailable; try again");
    };
  }

  private void reject(ErrorCode code, String message) {
    reject(new ServerMessage.Error(code, message));
  }

  private void reject(ServerMessage.Error error) {
    services.metrics().rejectedFrames.inc();
    socket.send(error);
  }
}
