package io.arena.server.room;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.pattern.StatusReply;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.arena.server.config.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The durable side of a room: one ordered journal of who joined and left and of the facts its game
 * recorded, plus the latest checkpoint of the game's state. Its room writes a batch at a time and
 * shows nothing of a batch before this ledger replies that it is stored, so a crash takes back
 * nothing a player saw. Its parent {@link GameRoom} never waits on it.
 *
 * <p>Recovery is the checkpoint plus the entries stored after it ({@link State#tail}): a checkpoint
 * names the last batch it covers, and the entries of that batch and those before are dropped.
 */
public final class RoomLedger
    extends EventSourcedBehaviorWithEnforcedReplies<RoomLedger.Command, RoomLedger.Event, RoomLedger.State> {

  // Checkpoints arrive every second: snapshot often and drop the events a snapshot covers.
  private static final int SNAPSHOT_EVERY_EVENTS = 100;
  private static final int SNAPSHOTS_KEPT = 2;

  public sealed interface Command extends CborSerializable {}

  /**
   * Stores {@code entries} as batch {@code batch}, all or nothing. A batch already stored (a retry
   * after a lost reply) is acknowledged without storing it twice. {@code opened}: what the room
   * is, stored with its first batch, else null.
   */
  public record RecordBatch(long batch, RoomProfile opened, List<Entry> entries,
      ActorRef<StatusReply<Done>> replyTo) implements Command {
    public RecordBatch {
      entries = List.copyOf(entries);
    }
  }

  public record RecordCheckpoint(Checkpoint checkpoint, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record GetState(ActorRef<State> replyTo) implements Command {}

  /**
   * Told to the room after every recovery. A ledger whose write failed (the database went away)
   * stops and is restarted; once it has recovered, the room's waiting write can go at once
   * instead of after its backoff (up to 8 s), so a store that comes back is caught up with soon.
   */
  public record Ready() {}

  private static final Ready READY = new Ready();

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = RoomOpened.class, name = "opened"),
      @JsonSubTypes.Type(value = PlayerJoined.class, name = "joined"),
      @JsonSubTypes.Type(value = PlayerLeft.class, name = "left"),
      @JsonSubTypes.Type(value = DepartedForgotten.class, name = "forgotten"),
      @JsonSubTypes.Type(value = FactRecorded.class, name = "fact"),
      @JsonSubTypes.Type(value = InputAcked.class, name = "acked"),
      @JsonSubTypes.Type(value = CheckpointTaken.class, name = "checkpoint")})
  public sealed interface Event extends CborSerializable {}

  /** An event of a batch: replayed in order after the checkpoint that does not cover its batch. */
  public sealed interface Entry extends Event {
    long batch();
  }

  /** The room's first join made it this: its game, its mode, public or private. */
  public record RoomOpened(RoomProfile profile) implements Event {}

  public record PlayerJoined(long batch, String playerId, String name) implements Entry {}

  /** {@code lastSeq}: the player's last applied input, so acks never go back when it returns. */
  public record PlayerLeft(long batch, String playerId, long lastSeq) implements Entry {}

  /** Departed players the room no longer remembers: they can no longer resume. */
  public record DepartedForgotten(long batch, List<String> playerIds) implements Entry {
    public DepartedForgotten {
      playerIds = List.copyOf(playerIds);
    }
  }

  /** A fact the room's game recorded, as the game's codec wrote it. */
  public record FactRecorded(long batch, byte[] fact) implements Entry {
    @Override
    public boolean equals(Object other) {
      return other instanceof FactRecorded recorded && batch == recorded.batch
          && Arrays.equals(fact, recorded.fact);
    }

    @Override
    public int hashCode() {
      return Objects.hash(batch, Arrays.hashCode(fact));
    }

    @Override
    public String toString() {
      return "FactRecorded(" + batch + ", " + fact.length + " bytes)";
    }
  }

  /**
   * An input whose hook recorded facts, stored with them: its ack shows once they do, and never
   * goes back after a crash.
   */
  public record InputAcked(long batch, String playerId, long seq) implements Entry {}

  public record CheckpointTaken(Checkpoint checkpoint) implements Event {}

  /**
   * A player the room knows; {@code present} while they are in the room; {@code lastSeq} as of
   * when it last left; {@code departure} orders the departed, the longest gone lowest.
   */
  public record Member(String name, boolean present, long lastSeq, long departure)
      implements CborSerializable {}

  /**
   * The game's state as of {@code tick}, with every batch up to {@code throughBatch} applied:
   * {@code game} is what the game saved; {@code lastSeqs} the present players' last inputs.
   */
  public record Checkpoint(long tick, long takenAtMillis, long throughBatch,
      Map<String, Long> lastSeqs, byte[] game) implements CborSerializable {
    public Checkpoint {
      lastSeqs = Map.copyOf(lastSeqs);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Checkpoint checkpoint && tick == checkpoint.tick
          && takenAtMillis == checkpoint.takenAtMillis && throughBatch == checkpoint.throughBatch
          && lastSeqs.equals(checkpoint.lastSeqs) && Arrays.equals(game, checkpoint.game);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tick, takenAtMillis, throughBatch, lastSeqs, Arrays.hashCode(game));
    }

    @Override
    public String toString() {
      return "Checkpoint(tick " + tick + ", through batch " + throughBatch + ", " + lastSeqs + ", "
          + game.length + " bytes)";
    }
  }

  /**
   * {@code profile} is null until the first batch; {@code checkpoint} null until the first one;
   * {@code tail} the entries no checkpoint covers, in order; {@code lastBatch} the last stored.
   */
  public record State(Map<String, Member> members, Checkpoint checkpoint, RoomProfile profile,
      List<Entry> tail, long lastBatch) implements CborSerializable {
    public static final State EMPTY = new State(Map.of(), null, null, List.of(), 0);

    public State {
      members = Map.copyOf(members);
      tail = List.copyOf(tail);
    }

    public boolean isPresent(String playerId) {
      Member member = members.get(playerId);
      return member != null && member.present();
    }

    long lastDeparture() {
      return members.values().stream().mapToLong(Member::departure).max().orElse(0);
    }

    State with(Map<String, Member> updatedMembers, Entry entry) {
      List<Entry> longer = new ArrayList<>(tail.size() + 1);
      longer.addAll(tail);
      longer.add(entry);
      return new State(updatedMembers, checkpoint, profile, longer,
          Math.max(lastBatch, entry.batch()));
    }

    State withCheckpoint(Checkpoint taken) {
      List<Entry> uncovered = tail.stream().filter(entry -> entry.batch() > taken.throughBatch()).toList();
      return new State(members, taken, profile, uncovered, lastBatch);
    }
  }

  private final ActorRef<Ready> readyTo;

  public static Behavior<Command> create(PersistenceId persistenceId, ActorRef<Ready> readyTo) {
    return new RoomLedger(persistenceId, readyTo);
  }

  private RoomLedger(PersistenceId persistenceId, ActorRef<Ready> readyTo) {
    // A failed write or recovery restarts the ledger after a pause instead of stopping the room.
    // At most 2 s apart: a restart while the store is down fails fast on the store's open circuit
    // breaker, and a longer pause would hold up the catch-up once it is back (issue 21).
    super(persistenceId,
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.2));
    this.readyTo = readyTo;
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> readyTo.tell(READY))
        .build();
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
        .onCommand(RecordBatch.class, this::onRecordBatch)
        .onCommand(RecordCheckpoint.class, (state, cmd) ->
            Effect().persist(new CheckpointTaken(cmd.checkpoint()))
                .thenReply(cmd.replyTo(), updated -> StatusReply.ack()))
        .onCommand(GetState.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .build();
  }

  private ReplyEffect<Event, State> onRecordBatch(State state, RecordBatch cmd) {
    if (cmd.batch() <= state.lastBatch()) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack()); // stored already: a retry
    }
    List<Event> events = new ArrayList<>(cmd.entries().size() + 1);
    if (state.profile() == null && cmd.opened() != null) {
      events.add(new RoomOpened(cmd.opened()));
    }
    events.addAll(cmd.entries());
    return Effect().persist(events).thenReply(cmd.replyTo(), updated -> StatusReply.ack());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(PlayerJoined.class, (state, event) -> {
          Member known = state.members().get(event.playerId());
          return state.with(updated(state, event.playerId(),
              new Member(event.name(), true, known == null ? 0 : known.lastSeq(), 0)), event);
        })
        .onEvent(PlayerLeft.class, (state, event) -> {
          Member member = state.members().get(event.playerId());
          String name = member == null ? event.playerId() : member.name();
          return state.with(updated(state, event.playerId(),
              new Member(name, false, event.lastSeq(), state.lastDeparture() + 1)), event);
        })
        .onEvent(DepartedForgotten.class, (state, event) -> {
          Map<String, Member> members = new HashMap<>(state.members());
          event.playerIds().forEach(members::remove);
          return state.with(members, event);
        })
        .onEvent(FactRecorded.class, (state, event) -> state.with(state.members(), event))
        .onEvent(InputAcked.class, (state, event) -> state.with(state.members(), event))
        .onEvent(CheckpointTaken.class, (state, event) -> state.withCheckpoint(event.checkpoint()))
        .onEvent(RoomOpened.class, (state, event) ->
            new State(state.members(), state.checkpoint(), event.profile(), state.tail(),
                state.lastBatch()))
        .build();
  }

  private static Map<String, Member> updated(State state, String playerId, Member member) {
    Map<String, Member> members = new HashMap<>(state.members());
    members.put(playerId, member);
    return members;
  }
}
