package io.arena.server;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.arena.protocol.ClientMessage;
import io.arena.protocol.Codec;
import io.arena.protocol.Decoded;
import io.arena.protocol.ErrorCode;
import io.arena.protocol.ServerMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * One WebSocket: the facade between a client's {@code protocol} messages and its room's commands.
 * It validates what the codec cannot (order of messages, strictly increasing {@code seq}), signs
 * and checks resume tokens, maps every refusal to a deliberate {@code error}, and re-attaches to
 * the room when the room moves to another node.
 */
public final class PlayerSession extends AbstractBehavior<PlayerSession.Command> {

  public sealed interface Command {}

  /** A decoded client frame. */
  public record Received(Decoded decoded) implements Command {}

  public record SocketClosed() implements Command {}

  private record FromRoom(GameRoom.Update update) implements Command {}

  private record RoomStopped() implements Command {}

  private record JoinTimedOut() implements Command {}

  private record CheckIdle() implements Command {}

  private enum Phase { IDLE, JOINING, JOINED }

  /**
   * After the room stopped, rejoin on a short beat: the first try can race the shard region's own
   * news of the dead node and be routed there. Rejoining is idempotent; 60 tries outlast a failover.
   */
  private static final Duration REATTACH_INTERVAL = Duration.ofMillis(500);
  private static final int MAX_REATTACH_ATTEMPTS = 60;

  /** What the session needs from its node; {@code playerTokens} is empty when guests may play. */
  public record Services(
      Function<String, RecipientRef<GameRoom.Command>> roomFor,
      ActorRef<RoomFanout.Command> fanout,
      SocketOutlets sockets,
      ResumeTokens resumeTokens,
      Optional<PlayerTokens> playerTokens,
      Clock clock,
      GameSettings settings,
      GameMetrics metrics) {}

  /** At most one rate_limited error per this interval: a flood must not become a flood back. */
  private static final long RATE_ERROR_INTERVAL_MILLIS = 250;
  /**
   * A client counts as calm again after this long without a refused frame. (Frames that pass do
   * not reset it: a flood over the limit still gets the limit's worth through.)
   */
  private static final long CALM_AFTER_MILLIS = 1000;

  public static Behavior<Command> create(SocketOutlets.Outlet outlet,
      ClosableWebSocket.Closer closer, Services services) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(
        timers -> new PlayerSession(ctx, timers, outlet, closer, services)));
  }

  private final TimerScheduler<Command> timers;
  private final SocketOutlets.Outlet outlet;
  private final ClosableWebSocket.Closer closer;
  private final Services services;
  private final GameSettings.Limits limits;
  private final ActorRef<GameRoom.Update> updates;
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
  private String room;
  private String playerId;
  private ActorRef<GameRoom.Command> roomRef;
  private long lastSeq;

  private PlayerSession(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      SocketOutlets.Outlet outlet, ClosableWebSocket.Closer closer, Services services) {
    super(ctx);
    this.timers = timers;
    this.outlet = outlet;
    this.closer = closer;
    this.services = services;
    this.limits = services.settings().limits();
    this.updates = ctx.messageAdapter(GameRoom.Update.class, FromRoom::new);
    services.sockets().register(updates, outlet);
    long now = services.clock().millis();
    this.rateLimit = new TokenBucket(limits.messagesPerSecond(), limits.messageBurst(), now);
    this.lastReceivedMillis = now;
    timers.startTimerWithFixedDelay(new CheckIdle(), limits.idleTimeout().dividedBy(4));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Received.class, this::onReceived)
        .onMessage(FromRoom.class, msg -> onUpdate(msg.update()))
        .onMessage(RoomStopped.class, msg -> onRoomStopped())
        .onMessage(JoinTimedOut.class, msg -> onJoinTimedOut())
        .onMessage(CheckIdle.class, msg -> onCheckIdle())
        .onMessage(SocketClosed.class, msg -> onSocketClosed())
        .onSignal(PostStop.class, signal -> {
          services.sockets().unregister(updates);
          return this;
        })
        .build();
  }

  private Behavior<Command> onReceived(Received received) {
    services.metrics().framesIn.inc();
    long now = services.clock().millis();
    lastReceivedMillis = now;
    if (!rateLimit.tryTake(now)) {
      onOverRateLimit(now);
    } else if (received.decoded() instanceof Decoded.Rejected rejected) {
      reject(rejected.error());
    } else if (received.decoded() instanceof Decoded.Message message) {
      handle(message.message());
    }
    return this;
  }

  /** The frame is not handled: the client hears rate_limited, and is cut off if it keeps on. */
  private void onOverRateLimit(long now) {
    if (limitedSinceMillis < 0 || now - lastRefusedMillis >= CALM_AFTER_MILLIS) {
      limitedSinceMillis = now;
    }
    lastRefusedMillis = now;
    if (now - limitedSinceMillis >= limits.abuseCloseAfter().toMillis()) {
      closer.close(ClosableWebSocket.POLICY_VIOLATION,
          "over " + limits.messagesPerSecond() + " messages per second for too long");
    } else if (now - lastRateErrorMillis >= RATE_ERROR_INTERVAL_MILLIS) {
      lastRateErrorMillis = now;
      reject(ErrorCode.RATE_LIMITED, "over " + limits.messagesPerSecond()
          + " messages per second; frames are dropped until you slow down");
    } else {
      services.metrics().rejectedFrames.inc();
    }
  }

  private Behavior<Command> onCheckIdle() {
    if (services.clock().millis() - lastReceivedMillis >= limits.idleTimeout().toMillis()) {
      closer.close(ClosableWebSocket.POLICY_VIOLATION, "silent for "
          + limits.idleTimeout().toSeconds() + " s: send a ping now and then to stay connected");
    }
    return this;
  }

  private void handle(ClientMessage message) {
    if (message instanceof ClientMessage.Ping ping) {
      send(new ServerMessage.Pong(ping.t(), services.clock().millis()));
    } else if (message instanceof ClientMessage.Join join) {
      if (mayJoin()) {
        join(join);
      }
    } else if (message instanceof ClientMessage.Resume resume) {
      if (mayJoin()) {
        services.resumeTokens().verify(resume.token()).ifPresentOrElse(
            claim -> beginJoin(claim.room(), new GameRoom.Rejoin(claim.playerId(), updates, services.fanout())),
            () -> reject(ErrorCode.INVALID_TOKEN, "resume token is not valid"));
      }
    } else if (phase != Phase.JOINED) {
      reject(ErrorCode.NOT_JOINED, "join a room first");
    } else if (message instanceof ClientMessage.Input input) {
      if (input.seq() <= lastSeq) {
        reject(ErrorCode.BAD_MESSAGE, "field 'seq' must be greater than " + lastSeq);
      } else {
        lastSeq = input.seq();
        roomRef.tell(new GameRoom.ApplyInput(playerId, input.seq(), input.dx(), input.dy()));
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
    if (services.playerTokens().isEmpty()) {
      beginJoin(join.room(), new GameRoom.Join(join.name(), null, updates, services.fanout()));
      return;
    }
    if (join.token() == null) {
      reject(ErrorCode.INVALID_TOKEN, "this server requires a player token (JWT) on join");
      return;
    }
    PlayerTokens.Verdict verdict = services.playerTokens().get().verify(join.token());
    if (verdict instanceof PlayerTokens.Valid valid) {
      beginJoin(join.room(), new GameRoom.Join(join.name(), valid.playerId(), updates, services.fanout()));
    } else if (verdict instanceof PlayerTokens.Invalid invalid) {
      reject(ErrorCode.INVALID_TOKEN, invalid.reason());
    }
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
    timers.startSingleTimer(new JoinTimedOut(), services.settings().writeTimeout().multipliedBy(2));
  }

  private Behavior<Command> onUpdate(GameRoom.Update update) {
    if (update instanceof GameRoom.Frame frame) {
      outlet.offerRoomFrame(frame); // a frame the fanout could not write to the socket itself
    } else if (update instanceof GameRoom.JoinAccepted accepted) {
      onJoinAccepted(accepted);
    } else if (update instanceof GameRoom.JoinRefused refused) {
      if (reattaching && refused.reason() == GameRoom.Refusal.UNAVAILABLE) {
        return this; // a room still recovering: the pending timer asks again
      }
      if (phase == Phase.JOINING || reattaching) {
        reject(refusalError(refused.reason()));
        becomeIdle();
      }
    } else if (update instanceof GameRoom.Detached detached) {
      if (phase == Phase.JOINED) {
        reject(refusalError(detached.reason()));
        becomeIdle();
      }
    }
    return this;
  }

  private void onJoinAccepted(GameRoom.JoinAccepted accepted) {
    boolean welcome = phase == Phase.JOINING;
    if (phase == Phase.JOINED && !reattaching && accepted.playerId().equals(playerId)) {
      return; // the answer to a retried rejoin that an earlier one already settled
    }
    if (!welcome && !reattaching) {
      // Too late: this session gave up on the join. Let the room know nobody is here.
      accepted.roomRef().tell(new GameRoom.Disconnect(accepted.playerId(), updates));
      return;
    }
    timers.cancel(new JoinTimedOut());
    phase = Phase.JOINED;
    reattaching = false;
    playerId = accepted.playerId();
    roomRef = accepted.roomRef();
    lastSeq = Math.max(lastSeq, accepted.lastSeq());
    getContext().watchWith(roomRef, new RoomStopped());
    if (welcome) {
      send(new ServerMessage.Joined(accepted.room(), accepted.playerId(),
          services.resumeTokens().issue(accepted.room(), accepted.playerId()), accepted.tick(),
          accepted.tickRate(), lastSeq));
    }
    outlet.showRoomFrames(true); // after "joined": no state frame comes before it
  }

  /**
   * The room stopped (hand-off) or its node died: ask sharding for it again, where it now lives.
   * The player notices only a pause in state frames.
   */
  private Behavior<Command> onRoomStopped() {
    if (phase == Phase.JOINED) {
      outlet.showRoomFrames(false);
      reattaching = true;
      reattachAttempts = 0;
      reattach();
    }
    return this;
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
    roomEntity().tell(new GameRoom.Rejoin(playerId, updates, services.fanout()));
    timers.startSingleTimer(new JoinTimedOut(), REATTACH_INTERVAL);
  }

  private Behavior<Command> onJoinTimedOut() {
    if (reattaching && reattachAttempts < MAX_REATTACH_ATTEMPTS) {
      reattach();
    } else if (phase == Phase.JOINING || reattaching) {
      reject(ErrorCode.UNAVAILABLE, "room " + room + " did not answer in time; try again");
      becomeIdle();
    }
    return this;
  }

  private void becomeIdle() {
    outlet.showRoomFrames(false);
    if (roomRef != null) {
      getContext().unwatch(roomRef);
    }
    timers.cancel(new JoinTimedOut());
    phase = Phase.IDLE;
    reattaching = false;
    reattachAttempts = 0;
    roomRef = null;
    playerId = null;
    lastSeq = 0;
  }

  private Behavior<Command> onSocketClosed() {
    // Straight to the room: it also watches this session, so this is only the quick way. A room
    // that is moving needs nothing: it comes back with its players disconnected. (Through
    // sharding, a node that is stopping would hold this for a room it is handing off.)
    if (phase == Phase.JOINED && !reattaching) {
      roomRef.tell(new GameRoom.Disconnect(playerId, updates));
    }
    // The socket flow is coupled: its outbound side has already completed with the inbound one.
    return Behaviors.stopped();
  }

  private ServerMessage.Error refusalError(GameRoom.Refusal reason) {
    switch (reason) {
      case ROOM_FULL:
        return new ServerMessage.Error(ErrorCode.ROOM_FULL, "room " + room + " is full");
      case UNKNOWN_PLAYER:
        return new ServerMessage.Error(ErrorCode.INVALID_TOKEN,
            "resume token names no player of room " + room);
      case RESUMED_ELSEWHERE:
        return new ServerMessage.Error(ErrorCode.NOT_JOINED,
            "this player connected again elsewhere");
      default:
        return new ServerMessage.Error(ErrorCode.UNAVAILABLE,
            "room " + room + " is unavailable; try again");
    }
  }

  private void reject(ErrorCode code, String message) {
    reject(new ServerMessage.Error(code, message));
  }

  private void reject(ServerMessage.Error error) {
    services.metrics().rejectedFrames.inc();
    send(error);
  }

  private void send(ServerMessage message) {
    outlet.offer(new GameRoom.Frame(Codec.encode(message), false));
  }
}
