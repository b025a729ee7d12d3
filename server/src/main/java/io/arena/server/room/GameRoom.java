package io.arena.server.room;

import akka.Done;
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
import io.arena.protocol.StateFormat;
import io.arena.server.config.CborSerializable;
import io.arena.server.config.GameSettings;
import io.arena.server.game.Arena;
import io.arena.server.lobby.RoomListing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One game room: a Cluster Sharding entity that runs the arena in memory at a fixed tick and sends
 * every player one {@code state} frame per tick. Durable facts (join, leave, score) go through the
 * {@link RoomLedger} child and are shown only once stored; the tick never waits for the database.
 *
 * <p>A thin shell: the {@link Arena} moves bodies and coins, the {@link Roster} decides who sits
 * where, {@link DurableWrites} tracks what the ledger still has to store, and {@link RoomFrames}
 * encodes what players see. This class turns messages into calls on them, and their decisions into
 * messages. One handler set per state: recovering, running, stopping.
 */
public final class GameRoom extends AbstractBehavior<GameRoom.Command> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "GameRoom");

  private static final int STASH_CAPACITY = 1000;
  /** Shards moved per rebalance round when nodes join: small, so play is barely disturbed. */
  private static final int REBALANCE_LIMIT = 5;

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
   * room, and comes back with its score if it was before. The join that creates the room gives it
   * {@code mode} and {@code isPrivate}. A {@code quick} join (matchmaking) takes a seat only in a
   * public room of its mode, and hears {@link RoomUpdate.Refusal#NOT_OPEN} elsewhere.
   */
  public record Join(String name, String playerId, Connection connection, String mode,
      boolean isPrivate, boolean quick) implements Command {

    /** A join by id into a room that, if this join creates it, is public and of the default mode. */
    public Join(String name, String playerId, Connection connection) {
      this(name, playerId, connection, RoomProfile.DEFAULT.mode(), false, false);
    }
  }

  /** Come back as {@code playerId}, after a disconnect or a failover. */
  public record Rejoin(String playerId, Connection connection) implements Command {}

  public record ApplyInput(String playerId, long seq, double dx, double dy) implements Command {}

  public record Say(String playerId, String text) implements Command {}

  public record Leave(String playerId) implements Command {}

  /** The player's socket closed; it stays in the room for the disconnect grace period. */
  public record Disconnect(String playerId, Connection connection) implements Command {}

  public record GetInfo(ActorRef<RoomInfo> replyTo) implements Command {}

  /** Sharding's stop message (passivation, hand-off): checkpoint, then stop. */
  public record Stop() implements Command {}

  private record Tick() implements Command {}

  private record TakeCheckpoint() implements Command {}

  private record Recovered(RoomLedger.State state) implements Command {}

  private record RecoveryFailed() implements Command {}

  /** {@code member} is the player as the ledger stored it, or null if the write failed. */
  private record JoinStored(String playerId, RoomLedger.Member member, Join join)
      implements Command {}

  /** {@code departure} is the leave as the ledger stored it, or null if the write failed. */
  private record LeaveStored(String playerId, RoomLedger.Departure departure) implements Command {}

  private record ScoreStored(String playerId, long score, boolean stored) implements Command {}

  private record CheckpointStored(long tick, long takenAtMillis, long startedNanos, boolean stored)
      implements Command {}

  /** An edge node where players were connected went away (it died or stopped). */
  private record EdgeGone(ActorRef<RoomUpdate> edge) implements Command {}

  /**
   * Answer to {@link GetInfo}: {@code exists} is false for a room nobody ever joined; {@code node}
   * is where it runs.
   */
  public record RoomInfo(boolean exists, String node, RoomStatus status, List<PlayerInfo> players)
      implements CborSerializable {}

  public record PlayerInfo(String id, String name, long score, boolean connected)
      implements CborSerializable {}

  /** Hosts rooms on {@code game} nodes; on other nodes this is a proxy that routes to them. */
  public static void init(ActorSystem<?> system, GameSettings settings, RoomEnvironment env) {
    ClusterSharding.get(system).init(
        Entity.of(ENTITY_KEY, entity ->
                create(entity.getEntityId(), entity.getShard(), settings, env))
            .withRole("game")
            .withAllocationStrategy(new ConsistentHashingShardAllocationStrategy(REBALANCE_LIMIT))
            .withStopMessage(new Stop()));
  }

  public static Behavior<Command> create(String roomId,
      ActorRef<ClusterSharding.ShardCommand> shard, GameSettings settings, RoomEnvironment env) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(STASH_CAPACITY,
        stash -> new GameRoom(ctx, timers, stash, roomId, shard, settings, env).recovering())));
  }

  private final TimerScheduler<Command> timers;
  private final StashBuffer<Command> stash;
  private final String roomId;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final GameSettings settings;
  private final RoomEnvironment env;
  private final RandomGenerator random;
  private final ActorRef<RoomLedger.Command> ledger;
  private final Arena arena;
  private final Roster roster;
  private final DurableWrites writes;
  private final long graceTicks;
  private final long idleTicks;

  /** The edge nodes where players are connected, and the formats they read: each is watched. */
  private final Audience audience = new Audience();
  private final RoomFrames frames = new RoomFrames();
  private long tick;
  private boolean passivating;
  private long recoveryStartedNanos;
  /** Whether this room counts against the node's quota (and must give its place back). */
  private boolean admitted;
  /** What this room last told {@link LocalRooms}; null until the room started. */
  private RoomStatus status;
  /** What the join that created the room made it; null while nobody ever joined. */
  private RoomProfile profile;
  /** The players count this room is listed with among public rooms; 0 while it is not listed. */
  private int listedPlayers;

  private GameRoom(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      StashBuffer<Command> stash, String roomId, ActorRef<ClusterSharding.ShardCommand> shard,
      GameSettings settings, RoomEnvironment env) {
    super(ctx);
    this.timers = timers;
    this.stash = stash;
    this.roomId = roomId;
    this.shard = shard;
    this.settings = settings;
    this.env = env;
    this.random = env.randomForRoom().apply(roomId);
    this.arena = new Arena(random, settings.tickSeconds());
    this.roster = new Roster(settings.roomCapacity());
    this.writes = new DurableWrites(settings);
    this.graceTicks = settings.ticksIn(settings.disconnectGrace());
    this.idleTicks = settings.ticksIn(settings.roomIdleTimeout());
    this.ledger = ctx.spawn(
        RoomLedger.create(PersistenceId.of(ENTITY_KEY.name(), roomId), settings.departedKept()), "ledger");
    env.metrics().rooms.inc();
    askForRecoveredState();
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
    recovered.members().forEach((id, member) -> roster.know(id, member.name()));
    profile = recovered.profile() != null ? recovered.profile()
        : roster.knowsAnyone() ? RoomProfile.DEFAULT : null;
    admitted = env.quota().admit(roster.knowsAnyone());
    if (!admitted) {
      // A new room on a full node: every join hears "unavailable", and the room goes away.
      getContext().getLog().warn("Room {} refused: this node is at its limit of rooms", roomId);
      passivate();
    }
    Map<String, RoomLedger.Body> checkpointed = new HashMap<>();
    RoomLedger.Checkpoint checkpoint = recovered.checkpoint();
    if (checkpoint != null) {
      tick = checkpoint.tick();
      writes.restoredCheckpoint(checkpoint.tick(), checkpoint.takenAtMillis());
      arena.restoreCoins(checkpoint.coins(), checkpoint.nextCoinId());
      checkpoint.bodies().forEach(body -> checkpointed.put(body.playerId(), body));
    }
    // Players who were in the room come back disconnected, standing still like any player without
    // a socket, until their sessions rejoin and send input again.
    recovered.members().forEach((id, member) -> {
      if (member.present()) {
        RoomLedger.Body saved = checkpointed.get(id);
        Arena.Body body = saved == null ? arena.spawn(id) : arena.place(id, saved.x(), saved.y());
        seat(new Player(id, member.name(), body,
            Math.max(member.lastSeq(), saved == null ? 0 : saved.lastSeq())), member.score());
      }
    });
    roster.startedAt(tick);
    relist();
    status = RoomStatus.started(roomId, shard.path().name(), writes.checkpointTick(),
        writes.checkpointAtMillis(), env.clock().millis());
    env.rooms().update(status);
    if (checkpoint != null) {
      getContext().getLog().info("Room {} recovered at tick {} with {} players in {} ms", roomId, tick,
          roster.size(), (System.nanoTime() - recoveryStartedNanos) / 1_000_000);
    }
    timers.startTimerAtFixedRate(new Tick(), settings.tickInterval());
    timers.startTimerAtFixedRate(new TakeCheckpoint(), settings.checkpointInterval());
    return stash.unstashAll(this);
  }

  // ---- running ----

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, msg -> onTick())
        .onMessage(Join.class, this::onJoin)
        .onMessage(Rejoin.class, this::onRejoin)
        .onMessage(JoinStored.class, this::onJoinStored)
        .onMessage(ApplyInput.class, this::onApplyInput)
        .onMessage(Say.class, this::onSay)
        .onMessage(Leave.class, this::onLeave)
        .onMessage(LeaveStored.class, this::onLeaveStored)
        .onMessage(ScoreStored.class, this::onScoreStored)
        .onMessage(Disconnect.class, this::onDisconnect)
        .onMessage(EdgeGone.class, msg -> onEdgeGone(msg.edge()))
        .onMessage(TakeCheckpoint.class, msg -> onTakeCheckpoint())
        .onMessage(CheckpointStored.class, this::onCheckpointStored)
        .onMessage(GetInfo.class, this::onGetInfo)
        .onMessage(Stop.class, msg -> onStop())
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onTick() {
    long started = System.nanoTime();
    tick++;
    for (String picker : arena.step()) {
      writes.earned(picker);
    }
    roster.expireDisconnected(tick, graceTicks);
    roster.players().forEach(this::flushWrites);
    sendState();
    if (roster.isIdle(tick, idleTicks) && !passivating) {
      passivate();
    }
    long tookNanos = System.nanoTime() - started;
    env.metrics().tickDuration.observe(tookNanos / 1e9);
    publish(status.ticked(tick, tookNanos, roster.connected()));
    return this;
  }

  /** Sends the player's owed score and leave to the ledger, one write of each kind at a time. */
  private void flushWrites(Player player) {
    long score = writes.scoreDue(player.id, tick);
    if (score >= 0) {
      getContext().askWithStatus(Done.class, ledger, settings.writeTimeout(),
          replyTo -> new RoomLedger.RecordScore(player.id, score, replyTo),
          (done, failure) -> new ScoreStored(player.id, score, failure == null));
    }
    if (player.leaving && writes.leaveDue(player.id, tick)) {
      getContext().askWithStatus(RoomLedger.Departure.class, ledger, settings.writeTimeout(),
          replyTo -> new RoomLedger.RecordLeave(player.id, player.lastSeq, replyTo),
          (departure, failure) -> new LeaveStored(player.id, departure));
    }
  }

  /**
   * The tick's state, encoded in the formats someone reads: one message per edge node with players
   * connected, with the formats its sockets read, which it writes to each of them.
   */
  private void sendState() {
    if (audience.edges().isEmpty()) {
      return; // nobody connected: nothing to build or encode
    }
    RoomUpdate.State state = frames.state(getContext().getSelf(), roomId, tick, roster, writes,
        arena.coins(), audience.reads(StateFormat.JSON), audience.reads(StateFormat.COMPACT));
    for (ActorRef<RoomUpdate> edge : audience.edges()) {
      edge.tell(state.only(audience.reads(edge, StateFormat.JSON),
          audience.reads(edge, StateFormat.COMPACT)));
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
    if (join.quick() && profile != null && !profile.takesQuickJoinsOf(join.mode())) {
      tell(join.connection(), RoomUpdate.Refusal.NOT_OPEN);
      return this;
    }
    switch (roster.seatFor(join.playerId(), passivating)) {
      case ATTACH -> attach(roster.get(join.playerId()), join.connection());
      case STORE -> {
        if (profile == null) {
          profile = new RoomProfile(join.mode(), join.isPrivate());
        }
        storeJoin(join.playerId() == null ? roster.newGuestId(random) : join.playerId(), join);
      }
      case ROOM_FULL -> tell(join.connection(), RoomUpdate.Refusal.ROOM_FULL);
      case UNAVAILABLE -> refuse(join.connection());
    }
    return this;
  }

  /** A rejoin is a join as a player this room knows, under the name it knows. */
  private Behavior<Command> onRejoin(Rejoin rejoin) {
    String name = roster.nameOf(rejoin.playerId());
    if (name == null) {
      tell(rejoin.connection(), RoomUpdate.Refusal.UNKNOWN_PLAYER);
      return this;
    }
    return onJoin(new Join(name, rejoin.playerId(), rejoin.connection()));
  }

  private void storeJoin(String playerId, Join join) {
    roster.joinPending();
    getContext().askWithStatus(RoomLedger.Member.class, ledger, settings.writeTimeout(),
        replyTo -> new RoomLedger.RecordJoin(playerId, join.name(), profile, replyTo),
        (member, failure) -> new JoinStored(playerId, member, join));
  }

  private Behavior<Command> onJoinStored(JoinStored stored) {
    roster.joinSettled();
    RoomLedger.Member member = stored.member();
    if (member == null) {
      refuse(stored.join().connection());
      return this;
    }
    roster.know(stored.playerId(), member.name());
    Player player = new Player(stored.playerId(), member.name(), arena.spawn(stored.playerId()),
        member.lastSeq());
    seat(player, member.score());
    attach(player, stored.join().connection());
    relist();
    return this;
  }

  private void seat(Player player, long storedScore) {
    roster.add(player, tick);
    writes.track(player.id, storedScore);
  }

  /** The socket at {@code connection} speaks for {@code player} from now on. */
  private void attach(Player player, Connection connection) {
    if (player.connection != null && !player.connection.isSocket(connection)) {
      release(player, true);
    }
    if (player.connection == null) {
      roster.attach(player, connection);
      if (audience.add(connection)) {
        getContext().watchWith(connection.edge(), new EdgeGone(connection.edge()));
      }
      env.metrics().players.inc();
    }
    connection.edge().tell(new RoomUpdate.JoinAccepted(connection.socket(), roomId, player.id,
        player.name, tick, settings.tickHz(), player.lastSeq, getContext().getSelf()));
  }

  /** The player stays, without a socket; its edge hears that the socket no longer speaks for it. */
  private void release(Player player, boolean takenOver) {
    Connection gone = roster.detach(player, tick);
    if (gone != null) {
      gone.edge().tell(new RoomUpdate.Released(gone.socket(), getContext().getSelf(), takenOver));
      if (audience.remove(gone)) {
        getContext().unwatch(gone.edge());
      }
      env.metrics().players.dec();
    }
  }

  private Behavior<Command> onApplyInput(ApplyInput input) {
    Player player = roster.active(input.playerId());
    if (player != null && input.seq() > player.lastSeq) {
      player.lastSeq = input.seq();
      Arena.steer(player.body, input.dx(), input.dy());
    }
    return this;
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
    if (player != null) {
      release(player, false);
      player.leaving = true;
      flushWrites(player);
    }
    return this;
  }

  private Behavior<Command> onLeaveStored(LeaveStored stored) {
    if (stored.departure() == null) {
      writes.leaveFailed(stored.playerId(), tick);
      env.metrics().storeFailures.inc();
      return this;
    }
    roster.forget(stored.departure().forgotten());
    if (roster.get(stored.playerId()) != null) {
      roster.remove(stored.playerId());
      writes.untrack(stored.playerId());
      arena.remove(stored.playerId());
      relist();
    }
    return this;
  }

  private Behavior<Command> onScoreStored(ScoreStored stored) {
    if (writes.scoreStored(stored.playerId(), stored.score(), stored.stored(), tick) && !stored.stored()) {
      env.metrics().storeFailures.inc();
    }
    return this;
  }

  private Behavior<Command> onDisconnect(Disconnect disconnect) {
    Player player = roster.get(disconnect.playerId());
    if (player != null && disconnect.connection().isSocket(player.connection)) {
      release(player, false);
    }
    return this;
  }

  private Behavior<Command> onEdgeGone(ActorRef<RoomUpdate> edge) {
    roster.connectedThrough(edge).forEach(player -> release(player, false));
    return this;
  }

  private Behavior<Command> onTakeCheckpoint() {
    // A room nobody joined (an operator asked about it, a join was refused) has nothing worth a
    // checkpoint: it would write one a second to the journal until it stops, idle, 60 s later.
    if (roster.knowsAnyone() && writes.checkpointDue(tick)) {
      checkpoint();
    }
    return this;
  }

  private void checkpoint() {
    writes.checkpointStarted();
    List<RoomLedger.Body> bodies = new ArrayList<>(roster.size());
    for (Player player : roster.players()) {
      bodies.add(new RoomLedger.Body(player.id, player.body.x(), player.body.y(), player.lastSeq));
    }
    long takenAt = env.clock().millis();
    long startedNanos = System.nanoTime();
    RoomLedger.Checkpoint checkpoint =
        new RoomLedger.Checkpoint(tick, takenAt, arena.nextCoinId(), bodies, arena.coins());
    long checkpointedTick = tick;
    getContext().askWithStatus(Done.class, ledger, settings.writeTimeout(),
        replyTo -> new RoomLedger.RecordCheckpoint(checkpoint, replyTo),
        (done, failure) ->
            new CheckpointStored(checkpointedTick, takenAt, startedNanos, failure == null));
  }

  private Behavior<Command> onCheckpointStored(CheckpointStored stored) {
    if (stored.stored()) {
      writes.checkpointStored(stored.tick(), stored.takenAtMillis());
      publish(status.checkpointed(writes.checkpointTick(), writes.checkpointAtMillis()));
      env.metrics().checkpointLatency.observe((System.nanoTime() - stored.startedNanos()) / 1e9);
    } else {
      writes.checkpointFailed(tick);
      env.metrics().storeFailures.inc();
    }
    return this;
  }

  private Behavior<Command> onGetInfo(GetInfo get) {
    List<PlayerInfo> infos = new ArrayList<>(roster.size());
    for (Player player : roster.players()) {
      infos.add(new PlayerInfo(player.id, player.name, writes.storedScore(player.id),
          player.connection != null));
    }
    get.replyTo().tell(new RoomInfo(roster.knowsAnyone(),
        getContext().getSystem().address().toString(), status, infos));
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
    boolean listed = profile != null && !profile.isPrivate() && players > 0 && !passivating;
    if (listed && players != listedPlayers) {
      env.listings().publish(new RoomListing(roomId, profile.mode(), players, settings.roomCapacity(),
          getContext().getSystem().address().toString()));
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
    if (!roster.knowsAnyone()) {
      return Behaviors.stopped(); // nobody ever joined: nothing worth a checkpoint
    }
    writes.dueNow();
    roster.players().forEach(this::flushWrites);
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
    tell(connection, RoomUpdate.Refusal.UNAVAILABLE);
    return Behaviors.same();
  }

  private void tell(Connection connection, RoomUpdate.Refusal reason) {
    connection.edge().tell(new RoomUpdate.JoinRefused(connection.socket(), roomId, reason));
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
