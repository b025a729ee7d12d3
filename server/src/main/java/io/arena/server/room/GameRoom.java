package io.arena.server.room;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.sharding.ConsistentHashingShardAllocationStrategy;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import io.arena.game.Game;
import io.arena.game.GameDefinition;
import io.arena.game.RoomSetup;
import io.arena.game.Traits;
import io.arena.game.Verdict;
import io.arena.game.host.GameDriver;
import io.arena.protocol.StateFormat;
import io.arena.server.config.CborSerializable;
import io.arena.server.config.GameSettings;
import io.arena.server.lobby.RoomListing;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One game room: a Cluster Sharding entity that runs its game (protocol/README.md section 12) in
 * memory. A real-time game ticks at its rate and every player gets one {@code state} frame per
 * tick; a turn-based one sends a state when something changed. What the game records, and who
 * joins and leaves, goes to the {@link RoomLedger} child in batches and is applied and shown only
 * once stored; the room never waits for the database.
 *
 * <p>A thin shell: the game runs in a {@link GameDriver}, the {@link Roster} decides who sits
 * where, the {@link RoomJournal} tracks what the ledger still has to store, and {@link RoomFrames}
 * encodes what players see. This class turns messages into calls on them, and their decisions into
 * messages. One handler set per state: recovering, running, stopping.
 */
public final class GameRoom extends AbstractBehavior<GameRoom.Command> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "GameRoom");

  private static final int STASH_CAPACITY = 1000;
  /** Shards moved per rebalance round when nodes join: small, so play is barely disturbed. */
  private static final int REBALANCE_LIMIT = 5;
  /** Ticks in a row that throw before the room stops and comes back from the store (1 s at 20 Hz). */
  static final int MAX_FAILED_TICKS = 20;
  /**
   * How often a room with no tick to run wakes for its housekeeping (disconnect grace, idleness,
   * retries of failed writes): a turn-based room always, a real-time one while it rests (nobody
   * connected, its game at rest). Game timers are scheduled to the millisecond. 20 Hz would cost
   * 5000 such rooms 100,000 wake-ups a second; 50 resting arena rooms cost 14% of a core at 20 Hz.
   */
  private static final int HOUSEKEEPING_BEAT_HZ = 2;
  /** Inputs of a turn-based game waiting for the moves before them to be stored; more are refused. */
  private static final int MAX_WAITING = 32;

  public sealed interface Command extends CborSerializable {}

  /**
   * A player's socket as rooms know it: the edge node that holds it ({@code edge} receives the
   * {@link RoomUpdate}s for all of that node's sockets), the socket's number there, and the format
   * it reads {@code state} in.
   */
  public record Connection(ActorRef<RoomUpdate> edge, long socket, StateFormat format)
      implements CborSerializable {

    /** Whether {@code other} is the same socket (an edge that lost track of it knows no format). */
    public boolean isSocket(Connection other) {
      return other != null && edge.equals(other.edge) && socket == other.socket;
    }
  }

  /**
   * Enter the room from {@code connection}. {@code playerId} is null for a guest (the room picks an
   * id) or the id a player token proved: that player takes over its connection if it is in the
   * room, and comes back with what it had if it was before. {@code game} is the game the join
   * names, null for none (any room's, or the arena for a new room). The join that creates the room
   * gives it its game, {@code mode} and {@code isPrivate}. A {@code quick} join (matchmaking) takes
   * a seat only in a public room of its game and mode, and hears
   * {@link RoomUpdate.Refusal#NOT_OPEN} elsewhere.
   */
  public record Join(String name, String playerId, Connection connection, String game, String mode,
      boolean isPrivate, boolean quick) implements Command {

    /** A join by id, naming no game, into a room that, if this join creates it, is public and of the default mode. */
    public Join(String name, String playerId, Connection connection) {
      this(name, playerId, connection, null, RoomProfile.DEFAULT.mode(), false, false);
    }
  }

  /** Come back as {@code playerId}, after a disconnect or a failover. */
  public record Rejoin(String playerId, Connection connection) implements Command {}

  /** An input, its game fields as the schema decoded them (protocol/README.md section 12.3). */
  public record ApplyInput(String playerId, long seq, double[] values) implements Command {
    @Override
    public boolean equals(Object other) {
      return other instanceof ApplyInput input && playerId.equals(input.playerId)
          && seq == input.seq && Arrays.equals(values, input.values);
    }

    @Override
    public int hashCode() {
      return Objects.hash(playerId, seq, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
      return "ApplyInput(" + playerId + ", " + seq + ", " + Arrays.toString(values) + ")";
    }
  }

  /**
   * Inputs of this room's players from one edge node, in the order they were sent: what
   * {@link RoomInbox} hands over from an edge's batch.
   */
  public record ApplyInputs(List<ApplyInput> inputs) implements Command {}

  public record Say(String playerId, String text) implements Command {}

  public record Leave(String playerId) implements Command {}

  /** The player's socket closed; it stays in the room for the disconnect grace period. */
  public record Disconnect(String playerId, Connection connection) implements Command {}

  public record GetInfo(ActorRef<RoomInfo> replyTo) implements Command {}

  /** Sharding's stop message (passivation, hand-off): checkpoint, then stop. */
  public record Stop() implements Command {}

  /**
   * Starts the room where sharding now homes it, and nothing else: sent by {@link RoomRevival}
   * to the rooms of a node that went away.
   */
  public record Wake() implements Command {}

  private record Beat() implements Command {}

  /** The time the game's {@code nextTimer} named has come. */
  private record GameTimer() implements Command {}

  private record TakeCheckpoint() implements Command {}

  private record Recovered(RoomLedger.State state) implements Command {}

  private record RecoveryFailed() implements Command {}

  private record BatchStored(long number, boolean stored) implements Command {}

  private record LedgerReady() implements Command {}

  private record CheckpointStored(long tick, long takenAtMillis, long startedNanos, boolean stored)
      implements Command {}

  /** An edge node where players were connected went away (it died or stopped). */
  private record EdgeGone(ActorRef<RoomUpdate> edge) implements Command {}

  /**
   * Answer to {@link GetInfo}: {@code exists} is false for a room nobody ever joined; {@code node}
   * is where it runs; {@code game} null while it has none.
   */
  public record RoomInfo(boolean exists, String node, String game, RoomStatus status,
      List<PlayerInfo> players) implements CborSerializable {}

  public record PlayerInfo(String id, String name, boolean connected) implements CborSerializable {}

  /** Hosts rooms on {@code game} nodes; on other nodes this is a proxy that routes to them. */
  public static void init(ActorSystem<?> system, GameSettings settings, RoomEnvironment env) {
    RoomShards shards = RoomShards.of(system);
    ClusterSharding.get(system).init(
        Entity.of(ENTITY_KEY, entity -> create(entity.getEntityId(), shards.shardOf(entity.getEntityId()),
                entity.getShard(), settings, env))
            .withMessageExtractor(shards.extractor())
            .withRole("game")
            .withAllocationStrategy(new ConsistentHashingShardAllocationStrategy(REBALANCE_LIMIT))
            .withStopMessage(new Stop()));
  }

  /** {@code shardId} names the room's shard to operators; {@code shard} takes its passivation. */
  public static Behavior<Command> create(String roomId, String shardId,
      ActorRef<ClusterSharding.ShardCommand> shard, GameSettings settings, RoomEnvironment env) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(STASH_CAPACITY,
        stash -> new GameRoom(ctx, timers, stash, roomId, shardId, shard, settings, env).recovering())));
  }

  private final TimerScheduler<Command> timers;
  private final StashBuffer<Command> stash;
  private final String roomId;
  private final String shardId;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final GameSettings settings;
  private final RoomEnvironment env;
  private final RandomGenerator random;
  private final ActorRef<RoomLedger.Command> ledger;
  /** The edge nodes where players are connected, and the formats they read: each is watched. */
  private final Audience audience = new Audience();
  /** Joins being stored: the sockets that asked, by player id (removed when told no). */
  private final Map<String, Connection> joining = new HashMap<>();
  /**
   * Inputs and leaves of a turn-based game that wait for the moves before them to be stored: its
   * rules judge each against every move before it.
   */
  private final ArrayDeque<Command> waiting = new ArrayDeque<>();

  // Until the room knows its game (recovered, or its first join), these are the node's defaults.
  private GameDriver<?> game;
  private Traits traits;
  private GameSettings beats;
  private Roster roster;
  private RoomJournal journal;
  private long graceBeats;
  private long idleBeats;
  /** What the join that created the room made it; null while it has no game. */
  private RoomProfile profile;
  /** The room's game is not hosted on this node: every join hears so, and the room stops. */
  private String unhosted;

  /** The room's clock: one beat per tick of a real-time game, at the node's tick rate otherwise. */
  private long beat;
  /** The tick players see: every tick of a real-time game, every change of a turn-based one. */
  private long tick;
  /** A turn-based game changed since its last state. */
  private boolean changed;
  /** The game changed since its last checkpoint: a checkpoint of an unchanged game is skipped. */
  private boolean changedSinceCheckpoint;
  /**
   * A real-time room with nobody connected whose game is at rest skips its ticks: it beats at the
   * housekeeping rate, each beat standing for {@link #restingStride} ticks of its clock.
   */
  private boolean resting;
  private int restingStride;
  private int failedTicks;
  private boolean passivating;
  private long recoveryStartedNanos;
  /** Whether this room counts against the node's quota (and must give its place back). */
  private boolean admitted;
  /** What this room last told {@link LocalRooms}; null until the room started. */
  private RoomStatus status;
  /** The players count this room is listed with among public rooms; 0 while it is not listed. */
  private int listedPlayers;

  private GameRoom(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      StashBuffer<Command> stash, String roomId, String shardId,
      ActorRef<ClusterSharding.ShardCommand> shard, GameSettings settings, RoomEnvironment env) {
    super(ctx);
    this.timers = timers;
    this.stash = stash;
    this.roomId = roomId;
    this.shardId = shardId;
    this.shard = shard;
    this.settings = settings;
    this.env = env;
    this.random = env.randomForRoom().apply(roomId);
    this.traits = new Traits(settings.tickHz(), settings.roomCapacity(), settings.disconnectGrace());
    useTraits(traits);
    this.ledger = ctx.spawn(RoomLedger.create(PersistenceId.of(ENTITY_KEY.name(), roomId),
        ctx.messageAdapter(RoomLedger.Ready.class, ready -> new LedgerReady())), "ledger");
    env.metrics().rooms.inc();
    askForRecoveredState();
  }

  private void useTraits(Traits roomTraits) {
    traits = roomTraits;
    beats = settings.withTickHz(roomTraits.isTurnBased() ? HOUSEKEEPING_BEAT_HZ : roomTraits.tickHz());
    restingStride = Math.max(1, beats.tickHz() / HOUSEKEEPING_BEAT_HZ);
    roster = new Roster(roomTraits.capacity());
    journal = new RoomJournal(beats);
    graceBeats = beats.ticksIn(roomTraits.disconnectGrace());
    idleBeats = beats.ticksIn(settings.roomIdleTimeout());
  }

  /** From now on the room plays {@code definition}'s game, as {@code roomProfile} says. */
  private <F> void host(GameDefinition<F> definition, RoomProfile roomProfile) {
    profile = roomProfile;
    useTraits(definition.traits(traits));
    game = new GameDriver<>(definition, new RoomSetup(roomId, roomProfile.mode(), env.clock(), random,
        traits.isTurnBased() ? 0 : 1.0 / traits.tickHz(), roster), this::hookFailed);
  }

  private void hookFailed(String hook, RuntimeException error) {
    env.metrics().gameFailures.labelValues(profile.game(), hook).inc();
    getContext().getLog().warn("Room {}: game {} threw in {}", roomId, profile.game(), hook, error);
  }

  // ---- recovering: stash everything until the ledger has replayed the room ----

  private Behavior<Command> recovering() {
    return Behaviors.receive(Command.class)
        .onMessage(Recovered.class, msg -> start(msg.state()))
        .onMessage(RecoveryFailed.class, msg -> {
          askForRecoveredState();
          return Behaviors.same();
        })
        .onMessage(Stop.class, msg -> Behaviors.stopped())
        .onMessage(Command.class, this::stashWhileRecovering)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private void askForRecoveredState() {
    recoveryStartedNanos = System.nanoTime();
    getContext().ask(RoomLedger.State.class, ledger, settings.writeTimeout(),
        RoomLedger.GetState::new,
        (state, failure) -> state != null ? new Recovered(state) : new RecoveryFailed());
  }

  private Behavior<Command> stashWhileRecovering(Command command) {
    if (!stash.isFull()) {
      stash.stash(command);
    } else if (command instanceof Join join) {
      refuse(join.connection());
    } else if (command instanceof Rejoin rejoin) {
      refuse(rejoin.connection());
    }
    return Behaviors.same();
  }

  private Behavior<Command> start(RoomLedger.State recovered) {
    boolean known = recovered.profile() != null || !recovered.members().isEmpty();
    if (known) {
      restore(recovered, recovered.profile() != null ? recovered.profile() : RoomProfile.DEFAULT);
    }
    admitted = env.quota().admit(roster.knowsAnyone());
    if (!admitted) {
      // A new room on a full node: every join hears "unavailable", and the room goes away.
      getContext().getLog().warn("Room {} refused: this node is at its limit of rooms", roomId);
      passivate();
    }
    roster.startedAt(beat);
    relist();
    status = RoomStatus.started(roomId, shardId, journal.checkpointTick(),
        journal.checkpointAtMillis(), env.clock().millis());
    env.rooms().update(status);
    if (known) {
      getContext().getLog().info("Room {} recovered at tick {} with {} players in {} ms", roomId, tick,
          roster.size(), (System.nanoTime() - recoveryStartedNanos) / 1_000_000);
    }
    beatAtPace();
    scheduleGameTimer();
    return stash.unstashAll(this);
  }

  /**
   * The room as stored: its game from the checkpoint and every entry after it, applied in order
   * as they were live; the players who were in the room come back disconnected.
   */
  private void restore(RoomLedger.State recovered, RoomProfile stored) {
    GameDefinition<?> definition = env.games().get(stored.game());
    if (definition == null) {
      unhosted = stored.game();
      profile = stored;
      getContext().getLog().error("Room {} plays {}, which this node does not host", roomId, stored.game());
      return;
    }
    host(definition, stored);
    recovered.members().forEach((id, member) ->
        roster.knowStored(id, member.name(), member.present(), member.lastSeq(), member.departure()));
    RoomLedger.Checkpoint checkpoint = recovered.checkpoint();
    Map<String, Long> checkpointSeqs = Map.of();
    if (checkpoint != null) {
      tick = checkpoint.tick();
      journal.restoredCheckpoint(checkpoint.tick(), checkpoint.takenAtMillis());
      game.load(checkpoint.game());
      checkpointSeqs = checkpoint.lastSeqs();
    }
    journal.recovered(recovered.lastBatch());
    Map<String, Long> acked = new HashMap<>(checkpointSeqs);
    for (RoomLedger.Entry entry : recovered.tail()) {
      if (entry instanceof RoomLedger.InputAcked ack) {
        acked.merge(ack.playerId(), ack.seq(), Math::max);
      } else {
        applyStored(entry, true);
      }
    }
    for (Map.Entry<String, RoomLedger.Member> member : recovered.members().entrySet()) {
      if (member.getValue().present()) {
        String id = member.getKey();
        roster.add(new Player(id, member.getValue().name(),
            Math.max(member.getValue().lastSeq(), acked.getOrDefault(id, 0L))), beat);
      }
    }
  }

  // ---- running ----

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Beat.class, msg -> onBeat())
        .onMessage(Join.class, this::onJoin)
        .onMessage(Rejoin.class, this::onRejoin)
        .onMessage(BatchStored.class, this::onBatchStored)
        .onMessage(LedgerReady.class, ready -> {
          journal.retryNow();
          return this;
        })
        .onMessage(ApplyInput.class, this::onApplyInput)
        .onMessage(ApplyInputs.class, this::onApplyInputs)
        .onMessage(Say.class, this::onSay)
        .onMessage(Leave.class, this::onLeave)
        .onMessage(Disconnect.class, this::onDisconnect)
        .onMessage(EdgeGone.class, msg -> onEdgeGone(msg.edge()))
        .onMessage(TakeCheckpoint.class, msg -> onTakeCheckpoint())
        .onMessage(GameTimer.class, msg -> onGameTimer())
        .onMessage(CheckpointStored.class, this::onCheckpointStored)
        .onMessage(GetInfo.class, this::onGetInfo)
        .onMessage(Wake.class, msg -> this)
        .onMessage(Stop.class, msg -> onStop())
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onBeat() {
    long started = System.nanoTime();
    beat += resting ? restingStride : 1;
    if (game != null) {
      if (!traits.isTurnBased() && !resting) {
        boolean wasAtRest = game.isAtRest();
        tick++;
        if (game.onTick()) {
          failedTicks = 0;
        } else if (++failedTicks >= MAX_FAILED_TICKS) {
          getContext().getLog().error("Room {}: {} ticks in a row threw; it stops and comes back from the store",
              roomId, failedTicks);
          return Behaviors.stopped();
        }
        changedSinceCheckpoint |= !wasAtRest;
        takeFacts();
      }
      if (!mustWait()) {
        for (Player player : roster.disconnectedPast(beat, graceBeats)) {
          beginLeave(player);
        }
      }
      sendBatch();
      if (traits.isTurnBased()) {
        showChanges();
      } else {
        sendState();
      }
    }
    if (roster.isIdle(beat, idleBeats) && !passivating) {
      passivate();
    }
    if (resting) {
      onTakeCheckpoint();
    } else {
      long tookNanos = System.nanoTime() - started;
      env.metrics().tickDuration.observe(tookNanos / 1e9);
      publish(status.ticked(tick, tookNanos, roster.connected()));
    }
    restWhileNobodyWatches();
    return this;
  }

  /**
   * A real-time room rests while nobody is connected and its game is at rest: its ticks would
   * change nothing and nobody would see them. It wakes at its next beat if its game stirs, and at
   * once when a player comes back.
   */
  private void restWhileNobodyWatches() {
    boolean rest = !traits.isTurnBased() && roster.connected() == 0
        && (game == null || game.isAtRest());
    if (rest != resting) {
      resting = rest;
      beatAtPace();
    }
  }

  /**
   * (Re)starts the beat at the room's pace: its tick rate, with a checkpoint timer; or at rest the
   * housekeeping rate alone, each beat checkpointing what changed before the room came to rest.
   */
  private void beatAtPace() {
    if (resting) {
      // On a grid of the clock shared by all resting rooms: one thread wake-up serves them all.
      // 50 rooms beating each on its own phase cost 0.8% of a core, mostly in wake-ups.
      Duration every = beats.tickInterval().multipliedBy(restingStride);
      Duration first = Duration.ofMillis(every.toMillis() - env.clock().millis() % every.toMillis());
      timers.startTimerAtFixedRate(new Beat(), first, every);
      timers.cancel(new TakeCheckpoint());
    } else {
      timers.startTimerAtFixedRate(new Beat(), beats.tickInterval());
      timers.startTimerAtFixedRate(new TakeCheckpoint(), settings.checkpointInterval());
    }
  }

  /**
   * Wakes the room when its game's next timer is due. The time is durable state, so it changes
   * only when something is applied: after each stored batch, and after recovery.
   */
  private void scheduleGameTimer() {
    long due = game == null ? Game.NO_TIMER : game.nextTimer();
    if (due == Game.NO_TIMER) {
      timers.cancel(GameTimer.class);
    } else {
      timers.startSingleTimer(GameTimer.class, new GameTimer(),
          Duration.ofMillis(Math.max(0, due - env.clock().millis())));
    }
  }

  /** The game's timer came due (a turn-based game's waits for the moves before it to be stored). */
  private Behavior<Command> onGameTimer() {
    if (game != null && !mustWait() && game.nextTimer() <= env.clock().millis()) {
      game.onTimer();
      takeFacts();
      sendBatch();
    }
    return this;
  }

  /** What the game's hooks recorded goes to the journal, in order. */
  private boolean takeFacts() {
    List<byte[]> facts = game.takeFacts();
    for (byte[] fact : facts) {
      journal.append(new RoomLedger.FactRecorded(journal.nextBatch(), fact));
    }
    return !facts.isEmpty();
  }

  /** Sends the next batch to the ledger, if one is due. */
  private void sendBatch() {
    RoomJournal.Batch batch = journal.due(beat);
    if (batch != null) {
      write(batch);
    }
  }

  private void write(RoomJournal.Batch batch) {
    long number = batch.number();
    LedgerWrite.ask(getContext(), ledger, settings.writeTimeout(),
        replyTo -> new RoomLedger.RecordBatch(number, profile, batch.entries(), replyTo),
        stored -> new BatchStored(number, stored));
  }

  private Behavior<Command> onBatchStored(BatchStored stored) {
    if (!stored.stored()) {
      if (journal.failed(stored.number(), beat)) {
        env.metrics().storeFailures.inc();
        refuseJoinsWaiting();
      }
      return this;
    }
    RoomJournal.Batch batch = journal.stored(stored.number());
    if (batch == null) {
      return this;
    }
    List<Player> arrived = new ArrayList<>();
    for (RoomLedger.Entry entry : batch.entries()) {
      Player player = applyStored(entry, false);
      if (player != null) {
        arrived.add(player);
      }
    }
    for (Player player : arrived) {
      Connection connection = joining.remove(player.id);
      if (connection != null) {
        attach(player, connection, true);
      }
      game.onJoin(player);
    }
    takeFacts();
    changed();
    changedSinceCheckpoint = true;
    relist();
    drainWaiting();
    scheduleGameTimer();
    sendBatch();
    showChanges();
    return this;
  }

  /**
   * A stored entry takes effect: the same on the live path and on recovery. Returns the player
   * seated by a live join, which the room then attaches.
   */
  private Player applyStored(RoomLedger.Entry entry, boolean recovering) {
    if (entry instanceof RoomLedger.FactRecorded fact) {
      game.apply(fact.fact());
    } else if (entry instanceof RoomLedger.PlayerJoined joined) {
      if (recovering) {
        game.joined(new Player(joined.playerId(), joined.name(), 0));
        return null;
      }
      long lastSeq = roster.departedLastSeq(joined.playerId());
      roster.know(joined.playerId(), joined.name());
      roster.joinSettled(joined.playerId());
      Player player = new Player(joined.playerId(), joined.name(), lastSeq);
      roster.add(player, beat);
      game.joined(player);
      return player;
    } else if (entry instanceof RoomLedger.PlayerLeft left) {
      Player player = recovering ? null : roster.get(left.playerId());
      if (!recovering) {
        roster.departed(left.playerId(), left.lastSeq());
        roster.remove(left.playerId());
      }
      game.left(player != null ? player : new Player(left.playerId(), left.playerId(), left.lastSeq()));
    } else if (entry instanceof RoomLedger.InputAcked ack) {
      Player player = roster.get(ack.playerId());
      if (player != null) {
        player.lastSeq = Math.max(player.lastSeq, ack.seq());
      }
    } else if (entry instanceof RoomLedger.DepartedForgotten forgotten) {
      if (!recovering) {
        roster.forget(forgotten.playerIds());
      }
      forgotten.playerIds().forEach(game::forgotten);
    }
    return null;
  }

  /** A batch with joins failed: their players hear "unavailable" now (the batch is retried). */
  private void refuseJoinsWaiting() {
    for (Connection connection : joining.values()) {
      refuse(connection);
    }
    joining.clear();
  }

  private void sendState() {
    if (!audience.edges().isEmpty()) {
      RoomFrames.sendState(getContext().getSelf(), roomId, tick, game, roster, audience);
    }
  }

  /** A turn-based game changed: the next state is due. */
  private void changed() {
    if (traits.isTurnBased()) {
      changed = true;
    }
  }

  /** A turn-based game's state goes out once per batch of changes, with the next tick. */
  private void showChanges() {
    if (changed && game != null) {
      changed = false;
      tick++;
      sendState();
    }
  }

  /** A chat line: one message per edge node with players connected. */
  private void broadcast(byte[] json) {
    RoomUpdate.Broadcast broadcast = new RoomUpdate.Broadcast(getContext().getSelf(), json);
    for (ActorRef<RoomUpdate> edge : audience.edges()) {
      edge.tell(broadcast);
    }
  }

  private Behavior<Command> onJoin(Join join) {
    if (unhosted != null) {
      tell(join.connection(), RoomUpdate.Refusal.UNKNOWN_GAME,
          "room " + roomId + " plays " + unhosted + ", which this node does not host");
      return this;
    }
    String wanted = join.game() == null ? RoomProfile.DEFAULT_GAME : join.game();
    if (game == null) {
      GameDefinition<?> definition = env.games().get(wanted);
      if (definition == null) {
        tell(join.connection(), RoomUpdate.Refusal.UNKNOWN_GAME, "no game " + wanted + " here");
        return this;
      }
      host(definition, new RoomProfile(wanted, join.mode(), join.isPrivate()));
      beatAtPace(); // at the game's pace: a turn-based game's beats are housekeeping ones
    } else if (join.game() != null && !join.game().equals(profile.game())) {
      tell(join.connection(), RoomUpdate.Refusal.WRONG_GAME,
          "room " + roomId + " plays " + profile.game() + ", not " + join.game());
      return this;
    }
    if (join.quick() && !profile.takesQuickJoinsOf(wanted, join.mode())) {
      tell(join.connection(), RoomUpdate.Refusal.NOT_OPEN, null);
      return this;
    }
    switch (roster.seatFor(join.playerId(), passivating)) {
      case ATTACH -> attach(roster.get(join.playerId()), join.connection(), false);
      case STORE -> storeJoin(join);
      case ROOM_FULL -> tell(join.connection(), RoomUpdate.Refusal.ROOM_FULL, null);
      case UNAVAILABLE -> refuse(join.connection());
    }
    showChanges();
    return this;
  }

  /** A rejoin is a join as a player this room knows, under the name it knows. */
  private Behavior<Command> onRejoin(Rejoin rejoin) {
    String name = roster.nameOf(rejoin.playerId());
    if (name == null) {
      tell(rejoin.connection(), RoomUpdate.Refusal.UNKNOWN_PLAYER, null);
      return this;
    }
    return onJoin(new Join(name, rejoin.playerId(), rejoin.connection()));
  }

  /** A new seat, if the game takes the player: stored, then the player is in (G1). */
  private void storeJoin(Join join) {
    String playerId = join.playerId() == null ? roster.newGuestId(random) : join.playerId();
    Verdict verdict = game.joinAttempt(new Player(playerId, join.name(), 0));
    if (!verdict.accepted()) {
      tell(join.connection(), RoomUpdate.Refusal.GAME_REFUSED, verdict.reason());
      return;
    }
    roster.joinPending(playerId);
    joining.put(playerId, join.connection());
    journal.append(new RoomLedger.PlayerJoined(journal.nextBatch(), playerId, join.name()));
    sendBatch();
  }

  /** The socket at {@code connection} speaks for {@code player} from now on. */
  private void attach(Player player, Connection connection, boolean fresh) {
    if (player.connection != null && !player.connection.isSocket(connection)) {
      release(player, true);
    }
    if (player.connection == null) {
      roster.attach(player, connection);
      restWhileNobodyWatches(); // wakes: someone watches now
      if (audience.add(connection)) {
        getContext().watchWith(connection.edge(), new EdgeGone(connection.edge()));
      }
      env.metrics().players.inc();
      if (!fresh) {
        game.onReconnect(player);
        takeFacts();
      }
    }
    changed();
    connection.edge().tell(new RoomUpdate.JoinAccepted(connection.socket(), roomId, profile.game(),
        player.id, player.name, tick, traits.tickHz(), player.lastSeq, getContext().getSelf()));
  }

  /**
   * The player stays, without a socket; its edge hears that the socket no longer speaks for it.
   * The game hears of it unless the player is leaving or another socket takes over.
   */
  private void release(Player player, boolean takenOver) {
    Connection gone = roster.detach(player, beat);
    if (gone != null) {
      gone.edge().tell(new RoomUpdate.Released(gone.socket(), getContext().getSelf(), takenOver));
      if (audience.remove(gone)) {
        getContext().unwatch(gone.edge());
      }
      env.metrics().players.dec();
      changed();
      if (!takenOver && player.isActive()) {
        game.onDisconnect(player);
        takeFacts();
      }
    }
  }

  private Behavior<Command> onApplyInputs(ApplyInputs batch) {
    for (ApplyInput input : batch.inputs()) {
      onApplyInput(input);
    }
    return this;
  }

  private Behavior<Command> onApplyInput(ApplyInput input) {
    Player player = roster.active(input.playerId());
    // A player without a socket sends nothing: an input that comes after its disconnect (a batch
    // from another node may overtake the disconnect) would move a body nobody steers.
    if (player == null || player.connection == null || input.seq() <= player.lastSeq) {
      return this;
    }
    if (mustWait() || !waiting.isEmpty()) {
      if (waiting.size() < MAX_WAITING) {
        waiting.add(input);
      } else {
        refuseInput(player, input.seq(), "too many moves waiting; slow down");
      }
      return this;
    }
    applyInput(player, input);
    sendBatch();
    showChanges();
    return this;
  }

  private void applyInput(Player player, ApplyInput input) {
    Verdict verdict = game.onInput(player, input.values());
    if (!verdict.accepted()) {
      refuseInput(player, input.seq(), verdict.reason());
      return;
    }
    if (takeFacts()) {
      // Its ack shows with what it changed, once stored.
      journal.append(new RoomLedger.InputAcked(journal.nextBatch(), player.id, input.seq()));
    } else {
      player.lastSeq = input.seq();
      changed();
    }
  }

  /** Whether a turn-based game's next move must wait for the ones before it to be stored. */
  private boolean mustWait() {
    return traits.isTurnBased() && journal.hasUnstored();
  }

  /** What waited for the moves before it: taken in order while nothing waits to be stored. */
  private void drainWaiting() {
    while (!waiting.isEmpty() && !journal.hasUnstored()) {
      Command next = waiting.poll();
      if (next instanceof ApplyInput input) {
        Player player = roster.active(input.playerId());
        if (player != null && input.seq() > player.lastSeq) {
          applyInput(player, input);
        }
      } else if (next instanceof Leave leave) {
        Player player = roster.active(leave.playerId());
        if (player != null) {
          beginLeave(player);
        }
      }
    }
  }

  private void refuseInput(Player player, long seq, String reason) {
    if (player.connection != null) {
      player.connection.edge().tell(new RoomUpdate.InputRefused(player.connection.socket(),
          getContext().getSelf(), seq, reason));
    }
  }

  private Behavior<Command> onSay(Say say) {
    Player player = roster.active(say.playerId());
    if (player != null) {
      broadcast(RoomFrames.chat(player, say.text()));
    }
    return this;
  }

  private Behavior<Command> onLeave(Leave leave) {
    Player player = roster.active(leave.playerId());
    if (player != null && (mustWait() || !waiting.isEmpty())) {
      waiting.add(leave); // never refused: a leave must not be lost
    } else if (player != null) {
      beginLeave(player);
      sendBatch();
      showChanges();
    }
    return this;
  }

  /**
   * The player is on its way out: what the game records for it, then its leave (and the departed
   * players the room forgets to stay within its limit), stored together in order.
   */
  private void beginLeave(Player player) {
    player.leaving = true;
    release(player, false);
    game.onLeave(player);
    takeFacts();
    long batch = journal.nextBatch();
    journal.append(new RoomLedger.PlayerLeft(batch, player.id, player.lastSeq));
    List<String> forgotten = roster.beyondDeparted(Math.max(0, settings.departedKept() - 1));
    if (!forgotten.isEmpty()) {
      journal.append(new RoomLedger.DepartedForgotten(batch, forgotten));
    }
  }

  private Behavior<Command> onDisconnect(Disconnect disconnect) {
    Player player = roster.get(disconnect.playerId());
    if (player != null && disconnect.connection().isSocket(player.connection)) {
      release(player, false);
      sendBatch();
      showChanges();
    }
    return this;
  }

  private Behavior<Command> onEdgeGone(ActorRef<RoomUpdate> edge) {
    roster.connectedThrough(edge).forEach(player -> release(player, false));
    sendBatch();
    showChanges();
    return this;
  }

  private Behavior<Command> onTakeCheckpoint() {
    // A room nobody joined (an operator asked about it, a join was refused) has nothing worth a
    // checkpoint: it would write one a second to the journal until it stops, idle, 60 s later.
    // A room checkpoints only what changed: between a turn-based game's moves nothing does, nor
    // while a real-time one rests.
    if (game != null && roster.knowsAnyone() && journal.checkpointDue(beat) && changedSinceCheckpoint) {
      checkpoint();
    }
    return this;
  }

  private void checkpoint() {
    byte[] saved;
    try {
      saved = game.save();
    } catch (RuntimeException e) {
      hookFailed("save", e);
      return;
    }
    journal.checkpointStarted();
    changedSinceCheckpoint = false;
    Map<String, Long> lastSeqs = new HashMap<>();
    for (Player player : roster.players()) {
      lastSeqs.put(player.id, player.lastSeq);
    }
    long takenAt = env.clock().millis();
    long startedNanos = System.nanoTime();
    RoomLedger.Checkpoint checkpoint =
        new RoomLedger.Checkpoint(tick, takenAt, journal.storedThrough(), lastSeqs, saved);
    long checkpointedTick = tick;
    LedgerWrite.ask(getContext(), ledger, settings.writeTimeout(),
        replyTo -> new RoomLedger.RecordCheckpoint(checkpoint, replyTo),
        stored -> new CheckpointStored(checkpointedTick, takenAt, startedNanos, stored));
  }

  private Behavior<Command> onCheckpointStored(CheckpointStored stored) {
    if (stored.stored()) {
      journal.checkpointStored(stored.tick(), stored.takenAtMillis());
      publish(status.checkpointed(journal.checkpointTick(), journal.checkpointAtMillis()));
      env.metrics().checkpointLatency.observe((System.nanoTime() - stored.startedNanos()) / 1e9);
    } else {
      journal.checkpointFailed(beat);
      env.metrics().storeFailures.inc();
    }
    return this;
  }

  private Behavior<Command> onGetInfo(GetInfo get) {
    List<PlayerInfo> infos = new ArrayList<>(roster.size());
    for (Player player : roster.players()) {
      infos.add(new PlayerInfo(player.id, player.name, player.connection != null));
    }
    get.replyTo().tell(new RoomInfo(roster.knowsAnyone(),
        getContext().getSystem().address().toString(), profile == null ? null : profile.game(),
        status, infos));
    return this;
  }

  private void publish(RoomStatus updated) {
    status = updated;
    env.rooms().update(updated);
  }

  private void passivate() {
    passivating = true;
    relist();
    shard.tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
  }

  /**
   * Keeps the room's entry in the list of public rooms up to date: listed while it is public, has
   * players and is not closing; published again only when its players count changed.
   */
  private void relist() {
    int players = roster.size();
    boolean listed = profile != null && game != null && !profile.isPrivate() && players > 0
        && !passivating;
    if (listed && players != listedPlayers) {
      env.listings().publish(new RoomListing(roomId, profile.game(), profile.mode(), players,
          roster.capacity(), getContext().getSystem().address().toString()));
      listedPlayers = players;
    } else if (!listed && listedPlayers > 0) {
      env.listings().withdraw(roomId);
      listedPlayers = 0;
    }
  }

  // ---- stopping: final writes, then stop; a graceful stop takes nothing back (G2) ----

  private Behavior<Command> onStop() {
    timers.cancelAll();
    passivating = true;
    relist();
    if (game == null || !roster.knowsAnyone()) {
      return Behaviors.stopped(); // nobody ever joined: nothing worth a checkpoint
    }
    // Everything owed goes now, the batch under way again (a lost reply must not lose it; the
    // ledger stores a batch once), then the checkpoint, which the ledger stores after them.
    journal.drain().forEach(this::write);
    checkpoint();
    return Behaviors.receive(Command.class)
        .onMessage(CheckpointStored.class, stored -> Behaviors.stopped())
        .onMessage(Join.class, join -> refuse(join.connection()))
        .onMessage(Rejoin.class, rejoin -> refuse(rejoin.connection()))
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  /** Tells a joining player the room cannot take it now ("unavailable"; it may try again). */
  private Behavior<Command> refuse(Connection connection) {
    tell(connection, RoomUpdate.Refusal.UNAVAILABLE, null);
    return Behaviors.same();
  }

  private void tell(Connection connection, RoomUpdate.Refusal reason, String detail) {
    connection.edge().tell(new RoomUpdate.JoinRefused(connection.socket(), roomId, reason, detail));
  }

  private Behavior<Command> onPostStop() {
    if (admitted) {
      env.quota().release();
    }
    env.metrics().rooms.dec();
    env.metrics().players.dec(roster.connected());
    if (status != null) {
      env.rooms().stopped(status);
    }
    if (listedPlayers > 0) {
      env.listings().withdraw(roomId);
    }
    return Behaviors.same();
  }
}
