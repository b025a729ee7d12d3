package io.arena.server;

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
import io.arena.protocol.Codec;
import io.arena.protocol.ServerMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * One game room: a Cluster Sharding entity that runs the arena in memory at a fixed tick and sends
 * every player one {@code state} frame per tick. Durable facts (join, leave, score) go through the
 * {@link RoomLedger} child and are shown only once stored; the tick never waits for the database.
 */
public final class GameRoom extends AbstractBehavior<GameRoom.Command> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "GameRoom");

  private static final int STASH_CAPACITY = 1000;
  private static final int PLAYER_ID_LENGTH = 10;
  private static final String PLAYER_ID_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern PLAYER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public sealed interface Command extends CborSerializable {}

  /**
   * A player's socket as rooms know it: the edge node that holds it ({@code edge} receives the
   * {@link Update}s for all of that node's sockets) and the socket's number there.
   */
  public record Connection(ActorRef<Update> edge, long socket) implements CborSerializable {}

  /**
   * Enter the room from {@code connection}. {@code playerId} is null for a guest (the room picks an
   * id) or the id a player token proved: that player takes over its connection if it is in the
   * room, and comes back with its score if it was before.
   */
  public record Join(String name, String playerId, Connection connection) implements Command {}

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
  private record EdgeGone(ActorRef<Update> edge) implements Command {}

  /**
   * What a room sends to the edge nodes of its players: the delivery protocol the edge implements.
   * Answers name the socket they are for; frames are for all of the room's sockets on that edge.
   */
  public sealed interface Update extends CborSerializable {}

  /**
   * A frame for each of {@code room}'s sockets on the receiving edge, as the UTF-8 JSON text that
   * goes on the wire, encoded once. A {@code latestOnly} frame (state) is superseded by the next.
   */
  public record Frame(ActorRef<Command> room, byte[] json, boolean latestOnly) implements Update {
    @Override
    public boolean equals(Object other) {
      return other instanceof Frame frame && room.equals(frame.room)
          && Arrays.equals(json, frame.json) && latestOnly == frame.latestOnly;
    }

    @Override
    public int hashCode() {
      return Objects.hash(room, Arrays.hashCode(json), latestOnly);
    }

    @Override
    public String toString() {
      return "Frame(" + room + ", " + new String(json, StandardCharsets.UTF_8) + ", " + latestOnly + ")";
    }
  }

  /** The socket is in the room, and receives its frames from now on. */
  public record JoinAccepted(long socket, String room, String playerId, String name, long tick,
      int tickRate, long lastSeq, ActorRef<Command> roomRef) implements Update {}

  public record JoinRefused(long socket, Refusal reason) implements Update {}

  /**
   * The socket no longer speaks for its player in {@code room}: it left, it dropped, or (when
   * {@code takenOver}) the player connected again elsewhere and is still in the room.
   */
  public record Released(long socket, ActorRef<Command> room, boolean takenOver) implements Update {}

  public enum Refusal { ROOM_FULL, UNAVAILABLE, UNKNOWN_PLAYER }

  /** Answer to {@link GetInfo}; {@code exists} is false for a room nobody ever joined. */
  public record RoomInfo(boolean exists, String room, String node, long tick,
      List<PlayerInfo> players, long checkpointTick, long checkpointAtMillis)
      implements CborSerializable {}

  public record PlayerInfo(String id, String name, long score, boolean connected)
      implements CborSerializable {}

  /** A player in the room: its body, its durable score and its socket, if connected. */
  private static final class Player {
    final String id;
    final String name;
    final Arena.Body body;
    long lastSeq;
    /** Stored in the ledger: the only score frames show. */
    long storedScore;
    /** Picked up so far; ahead of storedScore while a write is under way. */
    long earnedScore;
    boolean scoreWriteInFlight;
    Connection connection;
    long detachedAtTick;
    boolean leaving;
    boolean leaveWriteInFlight;
    final WriteBackoff writes;

    Player(String id, String name, Arena.Body body, long score, long lastSeq, WriteBackoff writes) {
      this.id = id;
      this.writes = writes;
      this.name = name;
      this.body = body;
      this.storedScore = score;
      this.earnedScore = score;
      this.lastSeq = lastSeq;
    }
  }

  /** Shards moved per rebalance round when nodes join: small, so play is barely disturbed. */
  private static final int REBALANCE_LIMIT = 5;

  /**
   * Whether {@code id} may name a player: the ids rooms make (letters and digits) and player
   * token subjects, 1-64 characters of {@code [A-Za-z0-9_-]}.
   */
  public static boolean isPlayerId(String id) {
    return id != null && PLAYER_ID.matcher(id).matches();
  }

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
  private final long graceTicks;
  private final long idleTicks;
  private final WriteBackoff checkpointWrites;

  private final Map<String, Player> players = new LinkedHashMap<>();
  /** The edge nodes where players are connected, with how many players each. */
  private final Map<ActorRef<Update>, Integer> edges = new HashMap<>();
  /** The name of everyone the ledger knows, so a departed player can resume (scores come from the ledger). */
  private final Map<String, String> knownNames = new HashMap<>();
  private long tick;
  private int pendingJoins;
  private int connected;
  private long lastConnectedTick;
  private boolean checkpointInFlight;
  private long checkpointTick = -1;
  private long checkpointAtMillis;
  private boolean passivating;
  private long recoveryStartedNanos;
  /** Whether this room counts against the node's quota (and must give its place back). */
  private boolean admitted;
  /** Where this room's numbers for the operator dashboard go; null until the room started. */
  private RoomReports.Room report;

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
    this.graceTicks = settings.ticksIn(settings.disconnectGrace());
    this.idleTicks = settings.ticksIn(settings.roomIdleTimeout());
    this.checkpointWrites = new WriteBackoff(settings);
    this.ledger = ctx.spawn(
        RoomLedger.create(PersistenceId.of(ENTITY_KEY.name(), roomId), settings.departedKept()), "ledger");
    env.metrics().rooms.inc();
    askForRecoveredState();
  }

  // ---- recovery: stash everything until the ledger has replayed the room ----

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
    recovered.members().forEach((id, member) -> knownNames.put(id, member.name()));
    admitted = env.quota().admit(!knownNames.isEmpty());
    if (!admitted) {
      // A new room on a full node: every join hears "unavailable", and the room goes away.
      getContext().getLog().warn("Room {} refused: this node is at its limit of rooms", roomId);
      passivating = true;
      shard.tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
    }
    Map<String, RoomLedger.Body> checkpointed = new HashMap<>();
    RoomLedger.Checkpoint checkpoint = recovered.checkpoint();
    if (checkpoint != null) {
      tick = checkpoint.tick();
      checkpointTick = checkpoint.tick();
      checkpointAtMillis = checkpoint.takenAtMillis();
      arena.restoreCoins(checkpoint.coins(), checkpoint.nextCoinId());
      checkpoint.bodies().forEach(body -> checkpointed.put(body.playerId(), body));
    }
    // Players who were in the room come back disconnected, standing still like any player without
    // a socket, until their sessions rejoin and send input again.
    recovered.members().forEach((id, member) -> {
      if (member.present()) {
        RoomLedger.Body saved = checkpointed.get(id);
        Arena.Body body = saved == null ? arena.spawn(id) : arena.place(id, saved.x(), saved.y());
        Player player = new Player(id, member.name(), body, member.score(),
            Math.max(member.lastSeq(), saved == null ? 0 : saved.lastSeq()), new WriteBackoff(settings));
        player.detachedAtTick = tick;
        players.put(id, player);
      }
    });
    lastConnectedTick = tick;
    report = env.reports().started(roomId, checkpointTick, checkpointAtMillis, env.clock().millis());
    if (checkpoint != null) {
      getContext().getLog().info("Room {} recovered at tick {} with {} players in {} ms", roomId, tick,
          players.size(), (System.nanoTime() - recoveryStartedNanos) / 1_000_000);
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
      players.get(picker).earnedScore++;
    }
    for (Player player : players.values()) {
      if (player.connection == null && !player.leaving && tick - player.detachedAtTick >= graceTicks) {
        player.leaving = true;
      }
      flushDurableWrites(player);
    }
    broadcast(Codec.encodeUtf8(stateFrame()), true);
    if (connected == 0 && tick - lastConnectedTick >= idleTicks && !passivating) {
      passivating = true;
      shard.tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
    }
    long tookNanos = System.nanoTime() - started;
    env.metrics().tickDuration.observe(tookNanos / 1e9);
    report.ticked(tick, tookNanos, connected);
    return this;
  }

  /** Sends the player's pending score and leave to the ledger, one write of each kind at a time. */
  private void flushDurableWrites(Player player) {
    if (!player.writes.allows(tick)) {
      return;
    }
    if (player.earnedScore > player.storedScore && !player.scoreWriteInFlight) {
      player.scoreWriteInFlight = true;
      long score = player.earnedScore;
      getContext().askWithStatus(Done.class, ledger, settings.writeTimeout(),
          replyTo -> new RoomLedger.RecordScore(player.id, score, replyTo),
          (done, failure) -> new ScoreStored(player.id, score, failure == null));
    }
    if (player.leaving && !player.leaveWriteInFlight) {
      player.leaveWriteInFlight = true;
      getContext().askWithStatus(RoomLedger.Departure.class, ledger, settings.writeTimeout(),
          replyTo -> new RoomLedger.RecordLeave(player.id, player.lastSeq, replyTo),
          (departure, failure) -> new LeaveStored(player.id, departure));
    }
  }

  private ServerMessage.State stateFrame() {
    List<ServerMessage.PlayerView> views = new ArrayList<>(players.size());
    Map<String, Long> acks = new LinkedHashMap<>();
    for (Player player : players.values()) {
      views.add(new ServerMessage.PlayerView(
          player.id, player.name, player.body.x, player.body.y, player.storedScore));
      acks.put(player.id, player.lastSeq);
    }
    List<ServerMessage.CoinView> coins = new ArrayList<>(Arena.COIN_COUNT);
    for (RoomLedger.Coin coin : arena.coins()) {
      coins.add(new ServerMessage.CoinView(coin.id(), coin.x(), coin.y()));
    }
    return new ServerMessage.State(roomId, tick, views, coins, acks);
  }

  /** One message per edge node with players connected, which writes it to each of their sockets. */
  private void broadcast(byte[] json, boolean latestOnly) {
    Frame frame = new Frame(getContext().getSelf(), json, latestOnly);
    for (ActorRef<Update> edge : edges.keySet()) {
      edge.tell(frame);
    }
  }

  private Behavior<Command> onJoin(Join join) {
    Player present = join.playerId() == null ? null : players.get(join.playerId());
    if (present != null && !present.leaving) {
      attach(present, join);
    } else if (passivating || present != null) {
      refuse(join.connection());
    } else if (occupancy() >= settings.roomCapacity()) {
      tell(join.connection(), Refusal.ROOM_FULL);
    } else {
      storeJoin(join.playerId() == null ? newPlayerId() : join.playerId(), join);
    }
    return this;
  }

  /** A rejoin is a join as a player this room knows, under the name it knows. */
  private Behavior<Command> onRejoin(Rejoin rejoin) {
    String name = knownNames.get(rejoin.playerId());
    if (name == null) {
      tell(rejoin.connection(), Refusal.UNKNOWN_PLAYER);
      return this;
    }
    return onJoin(new Join(name, rejoin.playerId(), rejoin.connection()));
  }

  private int occupancy() {
    return players.size() + pendingJoins;
  }

  private void storeJoin(String playerId, Join join) {
    pendingJoins++;
    getContext().askWithStatus(RoomLedger.Member.class, ledger, settings.writeTimeout(),
        replyTo -> new RoomLedger.RecordJoin(playerId, join.name(), replyTo),
        (member, failure) -> new JoinStored(playerId, member, join));
  }

  private Behavior<Command> onJoinStored(JoinStored stored) {
    pendingJoins--;
    RoomLedger.Member member = stored.member();
    if (member == null) {
      refuse(stored.join().connection());
      return this;
    }
    knownNames.put(stored.playerId(), member.name());
    Player player = new Player(stored.playerId(), member.name(), arena.spawn(stored.playerId()),
        member.score(), member.lastSeq(), new WriteBackoff(settings));
    players.put(player.id, player);
    attach(player, stored.join());
    return this;
  }

  private void attach(Player player, Join join) {
    Connection connection = join.connection();
    if (player.connection != null && !player.connection.equals(connection)) {
      detach(player, true);
    }
    if (player.connection == null) {
      player.connection = connection;
      if (edges.merge(connection.edge(), 1, Integer::sum) == 1) {
        getContext().watchWith(connection.edge(), new EdgeGone(connection.edge()));
      }
      connected++;
      env.metrics().players.inc();
    }
    connection.edge().tell(new JoinAccepted(connection.socket(), roomId, player.id, player.name,
        tick, settings.tickHz(), player.lastSeq, getContext().getSelf()));
  }

  /** The player stays, without a socket; its edge hears that the socket no longer speaks for it. */
  private void detach(Player player, boolean takenOver) {
    Connection connection = player.connection;
    if (connection != null) {
      connection.edge().tell(new Released(connection.socket(), getContext().getSelf(), takenOver));
      if (edges.merge(connection.edge(), -1, Integer::sum) == 0) {
        edges.remove(connection.edge());
        getContext().unwatch(connection.edge());
      }
      player.connection = null;
      player.detachedAtTick = tick;
      Arena.steer(player.body, 0, 0);
      connected--;
      env.metrics().players.dec();
      if (connected == 0) {
        lastConnectedTick = tick;
      }
    }
  }

  /** The player, if {@code playerId} is in the room and not on its way out. */
  private Player active(String playerId) {
    Player player = players.get(playerId);
    return player == null || player.leaving ? null : player;
  }

  private Behavior<Command> onApplyInput(ApplyInput input) {
    Player player = active(input.playerId());
    if (player != null && input.seq() > player.lastSeq) {
      player.lastSeq = input.seq();
      Arena.steer(player.body, input.dx(), input.dy());
    }
    return this;
  }

  private Behavior<Command> onSay(Say say) {
    Player player = active(say.playerId());
    if (player != null) {
      broadcast(Codec.encodeUtf8(new ServerMessage.ChatLine(player.id, player.name, say.text())), false);
    }
    return this;
  }

  private Behavior<Command> onLeave(Leave leave) {
    Player player = active(leave.playerId());
    if (player != null) {
      detach(player, false);
      player.leaving = true;
      flushDurableWrites(player);
    }
    return this;
  }

  private Behavior<Command> onLeaveStored(LeaveStored stored) {
    if (stored.departure() != null) {
      stored.departure().forgotten().forEach(knownNames::remove);
    }
    Player player = players.get(stored.playerId());
    if (player == null) {
      return this;
    }
    player.leaveWriteInFlight = false;
    if (stored.departure() != null) {
      players.remove(player.id);
      arena.remove(player.id);
    } else {
      writeFailed(player.writes);
    }
    return this;
  }

  private Behavior<Command> onScoreStored(ScoreStored stored) {
    Player player = players.get(stored.playerId());
    if (player == null) {
      return this;
    }
    player.scoreWriteInFlight = false;
    if (stored.stored()) {
      player.storedScore = Math.max(player.storedScore, stored.score());
      player.writes.reset();
    } else {
      writeFailed(player.writes);
    }
    return this;
  }

  private Behavior<Command> onDisconnect(Disconnect disconnect) {
    Player player = players.get(disconnect.playerId());
    if (player != null && disconnect.connection().equals(player.connection)) {
      detach(player, false);
    }
    return this;
  }

  private Behavior<Command> onEdgeGone(ActorRef<Update> edge) {
    for (Player player : players.values()) {
      if (player.connection != null && player.connection.edge().equals(edge)) {
        detach(player, false);
      }
    }
    return this;
  }

  private void writeFailed(WriteBackoff backoff) {
    backoff.failed(tick);
    env.metrics().storeFailures.inc();
  }

  private Behavior<Command> onTakeCheckpoint() {
    if (!checkpointInFlight && checkpointWrites.allows(tick)) {
      checkpoint();
    }
    return this;
  }

  private void checkpoint() {
    checkpointInFlight = true;
    List<RoomLedger.Body> bodies = new ArrayList<>(players.size());
    for (Player player : players.values()) {
      bodies.add(new RoomLedger.Body(player.id, player.body.x, player.body.y, player.lastSeq));
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
    checkpointInFlight = false;
    if (stored.stored()) {
      checkpointTick = Math.max(checkpointTick, stored.tick());
      checkpointAtMillis = stored.takenAtMillis();
      report.checkpointed(checkpointTick, checkpointAtMillis);
      checkpointWrites.reset();
      env.metrics().checkpointLatency.observe((System.nanoTime() - stored.startedNanos()) / 1e9);
    } else {
      writeFailed(checkpointWrites);
    }
    return this;
  }

  private Behavior<Command> onGetInfo(GetInfo get) {
    List<PlayerInfo> infos = new ArrayList<>(players.size());
    for (Player player : players.values()) {
      infos.add(new PlayerInfo(player.id, player.name, player.storedScore, player.connection != null));
    }
    get.replyTo().tell(new RoomInfo(!knownNames.isEmpty(), roomId,
        getContext().getSystem().address().toString(), tick, infos, checkpointTick,
        checkpointAtMillis));
    return this;
  }

  /** Final writes, then stop: a graceful stop takes nothing back (G2). */
  private Behavior<Command> onStop() {
    timers.cancelAll();
    if (knownNames.isEmpty()) {
      return Behaviors.stopped(); // nobody ever joined: nothing worth a checkpoint
    }
    players.values().forEach(player -> {
      player.writes.reset();
      player.scoreWriteInFlight = false;
      flushDurableWrites(player);
    });
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
    tell(connection, Refusal.UNAVAILABLE);
    return Behaviors.same();
  }

  private static void tell(Connection connection, Refusal reason) {
    connection.edge().tell(new JoinRefused(connection.socket(), reason));
  }

  private Behavior<Command> onPostStop() {
    if (admitted) {
      env.quota().release();
    }
    env.metrics().rooms.dec();
    env.metrics().players.dec(connected);
    if (report != null) {
      env.reports().stopped(roomId, report);
    }
    return Behaviors.same();
  }

  private String newPlayerId() {
    StringBuilder id = new StringBuilder(PLAYER_ID_LENGTH);
    do {
      id.setLength(0);
      for (int i = 0; i < PLAYER_ID_LENGTH; i++) {
        id.append(PLAYER_ID_ALPHABET.charAt(random.nextInt(PLAYER_ID_ALPHABET.length())));
      }
    } while (knownNames.containsKey(id.toString()));
    return id.toString();
  }
}
