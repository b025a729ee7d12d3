package io.arena.server.room;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.pattern.StatusReply;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import io.arena.server.config.CborSerializable;
import io.arena.server.game.Coin;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable side of a room: membership and scores as journaled facts, plus the latest checkpoint
 * of the live simulation. It replies only once a write is stored, so the room shows nothing that a
 * crash could take back. Its parent {@link GameRoom} never waits on it.
 */
public final class RoomLedger
    extends EventSourcedBehaviorWithEnforcedReplies<RoomLedger.Command, RoomLedger.Event, RoomLedger.State> {

  // Checkpoints arrive every second: snapshot often and drop the events a snapshot covers.
  private static final int SNAPSHOT_EVERY_EVENTS = 100;
  private static final int SNAPSHOTS_KEPT = 2;

  public sealed interface Command extends CborSerializable {}

  /** Replies with the member as stored: a returning player's score comes from here, never a cache. */
  /** {@code profile}: what the room is, stored with its first join. */
  public record RecordJoin(String playerId, String name, RoomProfile profile,
      ActorRef<StatusReply<Member>> replyTo) implements Command {}

  public record RecordLeave(String playerId, long lastSeq, ActorRef<StatusReply<Departure>> replyTo)
      implements Command {}

  /** A stored leave, and the players the room forgot to stay within its limit of departed players. */
  public record Departure(List<String> forgotten) implements CborSerializable {
    public Departure {
      forgotten = List.copyOf(forgotten);
    }
  }

  /** {@code score} is absolute, so a retried or reordered write can never lower a score. */
  public record RecordScore(String playerId, long score, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record RecordCheckpoint(Checkpoint checkpoint, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record GetState(ActorRef<State> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  /** The room's first join made it this: its mode, public or private. */
  public record RoomOpened(RoomProfile profile) implements Event {}

  public record PlayerJoined(String playerId, String name) implements Event {}

  /** {@code lastSeq}: the player's last applied input, so acks never go back when it returns. */
  public record PlayerLeft(String playerId, long lastSeq) implements Event {}

  public record ScoreChanged(String playerId, long score) implements Event {}

  /** Departed players the room no longer remembers: their scores are gone, and so is their resume. */
  public record DepartedForgotten(List<String> playerIds) implements Event {
    public DepartedForgotten {
      playerIds = List.copyOf(playerIds);
    }
  }

  public record CheckpointTaken(Checkpoint checkpoint) implements Event {}

  /**
   * A player the room knows; {@code present} while they are in the room; {@code lastSeq} as of
   * when it last left; {@code departure} orders the departed, the longest gone lowest.
   */
  public record Member(String name, long score, boolean present, long lastSeq, long departure)
      implements CborSerializable {}

  /** The live simulation as of {@code tick}: what a crash may take back, by at most one interval. */
  public record Checkpoint(
      long tick, long takenAtMillis, int nextCoinId, List<Body> bodies, List<Coin> coins)
      implements CborSerializable {
    public Checkpoint {
      bodies = List.copyOf(bodies);
      coins = List.copyOf(coins);
    }
  }

  /** A player's position and last applied input seq; inputs are not kept (see GameRoom.start). */
  public record Body(String playerId, double x, double y, long lastSeq) implements CborSerializable {}

  /**
   * {@code checkpoint} is null until the room took its first one; {@code profile} is null until its
   * first join, and in rooms stored before rooms had profiles (the room takes those as
   * {@link RoomProfile#DEFAULT}).
   */
  public record State(Map<String, Member> members, Checkpoint checkpoint, RoomProfile profile)
      implements CborSerializable {
    public static final State EMPTY = new State(Map.of(), null, null);

    public State {
      members = Map.copyOf(members);
    }

    public boolean isPresent(String playerId) {
      Member member = members.get(playerId);
      return member != null && member.present();
    }

    int departedCount() {
      return (int) members.values().stream().filter(member -> !member.present()).count();
    }

    long lastDeparture() {
      return members.values().stream().mapToLong(Member::departure).max().orElse(0);
    }

    State withMember(String playerId, Member member) {
      Map<String, Member> updated = new HashMap<>(members);
      updated.put(playerId, member);
      return new State(updated, checkpoint, profile);
    }

    State without(List<String> playerIds) {
      Map<String, Member> updated = new HashMap<>(members);
      playerIds.forEach(updated::remove);
      return new State(updated, checkpoint, profile);
    }
  }

  /**
   * {@code departedKept}: how many departed players the room remembers; beyond it, each leave
   * forgets the longest gone, so a room with a lot of churn keeps a bounded state.
   */
  public static Behavior<Command> create(PersistenceId persistenceId, int departedKept) {
    return new RoomLedger(persistenceId, departedKept);
  }

  private final int departedKept;

  private RoomLedger(PersistenceId persistenceId, int departedKept) {
    // A failed write or recovery restarts the ledger after a pause instead of stopping the room.
    super(persistenceId,
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.departedKept = departedKept;
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY_EVENTS, SNAPSHOTS_KEPT)
        .withDeleteEventsOnSnapshot();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(RecordJoin.class, this::onRecordJoin)
        .onCommand(RecordLeave.class, this::onRecordLeave)
        .onCommand(RecordScore.class, this::onRecordScore)
        .onCommand(RecordCheckpoint.class, (state, cmd) ->
            Effect().persist(new CheckpointTaken(cmd.checkpoint()))
                .thenReply(cmd.replyTo(), updated -> StatusReply.ack()))
        .onCommand(GetState.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .build();
  }

  // Each write is idempotent: a room that retries after a lost reply changes nothing twice.

  private ReplyEffect<Event, State> onRecordJoin(State state, RecordJoin cmd) {
    if (state.isPresent(cmd.playerId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(state.members().get(cmd.playerId())));
    }
    PlayerJoined joined = new PlayerJoined(cmd.playerId(), cmd.name());
    List<Event> events = state.profile() == null && cmd.profile() != null
        ? List.of(new RoomOpened(cmd.profile()), joined)
        : List.of(joined);
    return Effect().persist(events)
        .thenReply(cmd.replyTo(), updated -> StatusReply.success(updated.members().get(cmd.playerId())));
  }

  private ReplyEffect<Event, State> onRecordLeave(State state, RecordLeave cmd) {
    if (!state.isPresent(cmd.playerId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(new Departure(List.of())));
    }
    PlayerLeft left = new PlayerLeft(cmd.playerId(), cmd.lastSeq());
    List<String> forgotten = longestGone(state, state.departedCount() + 1 - departedKept);
    List<Event> events = forgotten.isEmpty()
        ? List.of(left)
        : List.of(left, new DepartedForgotten(forgotten));
    return Effect().persist(events)
        .thenReply(cmd.replyTo(), updated -> StatusReply.success(new Departure(forgotten)));
  }

  private static List<String> longestGone(State state, int count) {
    return state.members().entrySet().stream()
        .filter(entry -> !entry.getValue().present())
        .sorted(Comparator.comparingLong(entry -> entry.getValue().departure()))
        .limit(Math.max(0, count))
        .map(Map.Entry::getKey)
        .toList();
  }

  private ReplyEffect<Event, State> onRecordScore(State state, RecordScore cmd) {
    Member member = state.members().get(cmd.playerId());
    if (member == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("unknown player " + cmd.playerId()));
    }
    if (cmd.score() <= member.score()) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    return Effect().persist(new ScoreChanged(cmd.playerId(), cmd.score()))
        .thenReply(cmd.replyTo(), updated -> StatusReply.ack());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(PlayerJoined.class, (state, event) -> {
          Member known = state.members().get(event.playerId());
          return state.withMember(event.playerId(), known == null
              ? new Member(event.name(), 0, true, 0, 0)
              : new Member(event.name(), known.score(), true, known.lastSeq(), 0));
        })
        .onEvent(PlayerLeft.class, (state, event) -> {
          Member member = state.members().get(event.playerId());
          return state.withMember(event.playerId(),
              new Member(member.name(), member.score(), false, event.lastSeq(), state.lastDeparture() + 1));
        })
        .onEvent(ScoreChanged.class, (state, event) -> {
          Member member = state.members().get(event.playerId());
          return state.withMember(event.playerId(),
              new Member(member.name(), event.score(), member.present(), member.lastSeq(),
                  member.departure()));
        })
        .onEvent(DepartedForgotten.class, (state, event) -> state.without(event.playerIds()))
        .onEvent(CheckpointTaken.class, (state, event) ->
            new State(state.members(), event.checkpoint(), state.profile()))
        .onEvent(RoomOpened.class, (state, event) ->
            new State(state.members(), state.checkpoint(), event.profile()))
        .build();
  }
}
