package io.arena.game.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arena.game.Game;
import io.arena.game.GameDefinition;
import io.arena.game.Player;
import io.arena.game.RoomSetup;
import io.arena.game.Traits;
import io.arena.game.Verdict;
import io.arena.game.host.Acked;
import io.arena.game.host.GameDriver;
import io.arena.protocol.ClientMessage;
import io.arena.protocol.Codec;
import io.arena.protocol.Decoded;
import io.arena.protocol.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Drives one room of a game with no actor system and no network, through the same
 * {@link GameDriver} as the server's rooms (protocol/README.md section 12.6): players join, send
 * inputs, drop and come back; time and ticks pass when the test says; every player's {@code state}
 * is read as the JSON it would receive; and {@link #crash} throws the game away and recovers it from
 * its last checkpoint and the facts stored after it, as a room on another node would.
 *
 * <p>Writes are stored at once unless the test holds them ({@link #holdWrites}): then what they
 * change is not shown, and a crash loses them, as a crash loses a write the database never
 * acknowledged. Deterministic: the clock is the kit's and the random source is seeded.
 */
public final class GameKit<F> {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Timers and ticks a single {@link #advance} runs, at most: a game that keeps asking is a bug. */
  private static final int MAX_STEPS = 1_000_000;

  /** What the room answers an input or a join: {@code error} null if accepted. */
  public record Reply(String error, String message) {
    static final Reply OK = new Reply(null, null);

    public boolean accepted() {
      return error == null;
    }
  }

  /** A journal entry: a stored join, leave or fact, in order. */
  private sealed interface Entry {}

  private record Joined(String playerId, String name) implements Entry {}

  private record Left(String playerId) implements Entry {}

  private record Fact(byte[] bytes) implements Entry {}

  /** An input's ack: shown with what the input recorded, once that is stored (as in the room). */
  private record Ack(String playerId, long seq) implements Entry {}

  private static final class KitPlayer implements Player, Acked {
    final String id;
    final String name;
    boolean connected;
    long lastSeq;
    long disconnectedAt;

    KitPlayer(String id, String name) {
      this.id = id;
      this.name = name;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean connected() {
      return connected;
    }

    @Override
    public long lastSeq() {
      return lastSeq;
    }
  }

  private final GameDefinition<F> definition;
  private final Traits traits;
  private final String roomId;
  private final String mode;
  private final long seed;
  private final MutableClock clock;
  private final List<String> failures = new ArrayList<>();
  private final Map<String, KitPlayer> players = new LinkedHashMap<>();
  /** Players whose join is written but not stored yet. */
  private final Map<String, KitPlayer> joining = new LinkedHashMap<>();
  /** Who was in the room at the last checkpoint, by id, with their names. */
  private final Map<String, String> checkpointMembers = new LinkedHashMap<>();
  private final List<Entry> stored = new ArrayList<>();
  private final List<Entry> held = new ArrayList<>();
  private GameDriver<F> driver;
  private byte[] checkpoint;
  private boolean holding;
  private long tick;
  private int runs;

  private GameKit(GameDefinition<F> definition, Traits nodeDefaults, String roomId, String mode,
      long seed, Instant start) {
    this.definition = definition;
    this.traits = definition.traits(nodeDefaults);
    this.roomId = roomId;
    this.mode = mode;
    this.seed = seed;
    this.clock = new MutableClock(start);
    this.driver = newDriver();
  }

  /**
   * A room {@code "room-1"} of the default mode, with the server's defaults (20 Hz, 16 seats, 30 s
   * grace), random seed 1, and the clock at 2026-01-01T00:00:00Z.
   */
  public static <F> GameKit<F> of(GameDefinition<F> definition) {
    return of(definition, new Traits(20, 16, Duration.ofSeconds(30)), 1);
  }

  public static <F> GameKit<F> of(GameDefinition<F> definition, Traits nodeDefaults, long seed) {
    return new GameKit<>(definition, nodeDefaults, "room-1", Codec.DEFAULT_MODE, seed,
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  private GameDriver<F> newDriver() {
    runs++;
    RoomSetup setup = new RoomSetup(roomId, mode, clock, new SplittableRandom(seed * 31 + runs),
        traits.isTurnBased() ? 0 : 1.0 / traits.tickHz(), players::get);
    return new GameDriver<>(definition, setup,
        (hook, error) -> failures.add(hook + ": " + error));
  }

  public Traits traits() {
    return traits;
  }

  /** The kit's clock: what the game's {@link RoomSetup#clock} reads. */
  public Clock clock() {
    return clock;
  }

  /** Each hook that threw so far, as "hook: exception". */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  // ---- players ----

  /** {@code playerId} (also its name) joins; refused if the room is full or the game says no. */
  public Reply join(String playerId) {
    return join(playerId, playerId);
  }

  public Reply join(String playerId, String name) {
    KitPlayer present = players.get(playerId);
    if (present != null) {
      return reconnect(playerId);
    }
    if (joining.containsKey(playerId)) {
      return new Reply(ErrorCode.UNAVAILABLE.wire(), "a join of " + playerId + " is being stored");
    }
    if (players.size() + joining.size() >= traits.capacity()) {
      return new Reply(ErrorCode.ROOM_FULL.wire(), "room " + roomId + " is full");
    }
    KitPlayer player = new KitPlayer(playerId, name);
    player.connected = true;
    Verdict verdict = driver.joinAttempt(player);
    if (!verdict.accepted()) {
      return new Reply(ErrorCode.JOIN_REFUSED.wire(), verdict.reason());
    }
    joining.put(playerId, player);
    write(List.of(new Joined(playerId, name)));
    return Reply.OK;
  }

  /** The player's socket closes; it keeps its seat for the game's grace. */
  public void disconnect(String playerId) {
    KitPlayer player = player(playerId);
    if (player.connected) {
      player.connected = false;
      player.disconnectedAt = clock.millis();
      changed();
      driver.onDisconnect(player);
      writeFacts();
    }
  }

  /** The player is back on a socket (a resume). */
  public Reply reconnect(String playerId) {
    KitPlayer player = player(playerId);
    if (!player.connected) {
      player.connected = true;
      changed();
      driver.onReconnect(player);
      writeFacts();
    }
    return Reply.OK;
  }

  /** The player leaves the room: its leave is stored after what the game records for it. */
  public void leave(String playerId) {
    KitPlayer player = player(playerId);
    driver.onLeave(player);
    List<Entry> entries = new ArrayList<>(facts());
    entries.add(new Left(playerId));
    write(entries);
  }

  /**
   * An input with the given fields (alternating names and values, as JSON would carry them), its
   * {@code seq} numbered by the kit; checked against the game's schema first, as the server does.
   */
  public Reply input(String playerId, Object... fieldsAndValues) {
    KitPlayer player = player(playerId);
    ObjectNode json = JSON.createObjectNode();
    json.put("type", "input");
    json.put("seq", player.lastSeq + 1);
    for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
      json.set((String) fieldsAndValues[i], JSON.valueToTree(fieldsAndValues[i + 1]));
    }
    Decoded decoded = Codec.decode(json.toString(), definition.inputs());
    if (decoded instanceof Decoded.Rejected rejected) {
      return new Reply(rejected.error().code().wire(), rejected.error().message());
    }
    ClientMessage.Input input = (ClientMessage.Input) ((Decoded.Message) decoded).message();
    Verdict verdict = driver.onInput(player, input.values());
    if (!verdict.accepted()) {
      return new Reply(ErrorCode.BAD_MOVE.wire(), verdict.reason());
    }
    List<Entry> entries = facts();
    if (entries.isEmpty()) {
      player.lastSeq = input.seq();
      changed();
    } else {
      entries.add(new Ack(playerId, input.seq()));
      write(entries);
    }
    return Reply.OK;
  }

  // ---- time ----

  /** One tick of a real-time game, with the time it takes; and any timer that came due. */
  public void tick() {
    if (traits.isTurnBased()) {
      throw new IllegalStateException(definition.id() + " is turn-based: it has no tick");
    }
    clock.advance(Duration.ofNanos(1_000_000_000L / traits.tickHz()));
    tick++;
    driver.onTick();
    writeFacts();
    housekeeping();
  }

  public void ticks(int count) {
    for (int i = 0; i < count; i++) {
      tick();
    }
  }

  /**
   * Lets {@code duration} pass: a real-time game ticks through it; timers fire when due, and
   * players disconnected past their grace leave.
   */
  public void advance(Duration duration) {
    long until = clock.millis() + duration.toMillis();
    if (!traits.isTurnBased()) {
      long tickMillis = 1000L / traits.tickHz();
      for (int steps = 0; clock.millis() + tickMillis <= until && steps < MAX_STEPS; steps++) {
        tick();
      }
    }
    for (int steps = 0; steps < MAX_STEPS; steps++) {
      long next = Math.min(timerDue() ? driver.nextTimer() : Game.NO_TIMER, nextGraceEnd());
      if (next > until) {
        break;
      }
      clock.set(Math.max(clock.millis(), next));
      housekeeping();
    }
    clock.set(Math.max(clock.millis(), until));
    housekeeping();
  }

  private long nextGraceEnd() {
    long next = Game.NO_TIMER;
    for (KitPlayer player : players.values()) {
      if (!player.connected) {
        next = Math.min(next, player.disconnectedAt + traits.disconnectGrace().toMillis());
      }
    }
    return next;
  }

  /** Timers that came due, and players whose grace ran out, as a room does between ticks. */
  private void housekeeping() {
    for (int steps = 0; timerDue() && driver.nextTimer() <= clock.millis() && steps < MAX_STEPS; steps++) {
      driver.onTimer();
      writeFacts();
    }
    long now = clock.millis();
    for (KitPlayer player : List.copyOf(players.values())) {
      if (!player.connected && now - player.disconnectedAt >= traits.disconnectGrace().toMillis()) {
        leave(player.id);
      }
    }
  }

  /** A turn-based game's timer waits while writes do, as in the room: it judges stored state. */
  private boolean timerDue() {
    return !(traits.isTurnBased() && !held.isEmpty());
  }

  // ---- the store ----

  /** From now on writes wait: nothing they change is shown, and {@link #crash} loses them. */
  public void holdWrites() {
    holding = true;
  }

  /** How many entries (joins, leaves, facts) wait to be stored. */
  public int heldWrites() {
    return held.size();
  }

  /** The writes that waited are stored, in order, and applied. */
  public void releaseWrites() {
    holding = false;
    List<Entry> waiting = List.copyOf(held);
    held.clear();
    store(waiting);
  }

  /** A checkpoint now: the game's state as applied so far; the facts it covers are dropped. */
  public void checkpoint() {
    checkpoint = driver.save();
    stored.clear();
    checkpointMembers.clear();
    players.values().forEach(player -> checkpointMembers.put(player.id, player.name));
  }

  /**
   * The room's node dies: the game and every write not yet stored are lost; a new game recovers
   * from the last checkpoint and the entries stored after it, with every player disconnected.
   */
  public void crash() {
    held.clear();
    joining.clear();
    holding = false;
    driver = newDriver();
    if (checkpoint != null) {
      driver.load(checkpoint);
    }
    Map<String, KitPlayer> before = new LinkedHashMap<>(players);
    players.clear();
    checkpointMembers.forEach((id, name) -> players.put(id, before.getOrDefault(id, new KitPlayer(id, name))));
    for (Entry entry : stored) {
      if (entry instanceof Joined joined) {
        KitPlayer player = before.getOrDefault(joined.playerId(),
            new KitPlayer(joined.playerId(), joined.name()));
        players.put(player.id, player);
        driver.joined(player);
      } else if (entry instanceof Left left) {
        driver.left(players.remove(left.playerId()));
      } else if (entry instanceof Fact fact) {
        driver.apply(fact.bytes());
      } else if (entry instanceof Ack ack && players.containsKey(ack.playerId())) {
        KitPlayer player = players.get(ack.playerId());
        player.lastSeq = Math.max(player.lastSeq, ack.seq());
      }
    }
    for (KitPlayer player : players.values()) {
      player.connected = false;
      player.disconnectedAt = clock.millis();
    }
  }

  /** The facts stored since the last checkpoint, decoded, in order. */
  public List<F> storedFacts() {
    List<F> facts = new ArrayList<>();
    for (Entry entry : stored) {
      if (entry instanceof Fact fact) {
        try {
          facts.add(definition.readFact(new DataInputStream(new ByteArrayInputStream(fact.bytes()))));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return facts;
  }

  private List<Entry> facts() {
    List<Entry> entries = new ArrayList<>();
    for (byte[] fact : driver.takeFacts()) {
      entries.add(new Fact(fact));
    }
    return entries;
  }

  private void writeFacts() {
    List<Entry> entries = facts();
    if (!entries.isEmpty()) {
      write(entries);
    }
  }

  private void write(List<Entry> entries) {
    if (holding) {
      held.addAll(entries);
    } else {
      store(entries);
    }
  }

  /** Stores and applies {@code entries} in order; then those who joined come in (their onJoin). */
  private void store(List<Entry> entries) {
    List<KitPlayer> arrived = new ArrayList<>();
    for (Entry entry : entries) {
      stored.add(entry);
      if (entry instanceof Joined joined) {
        KitPlayer player = joining.remove(joined.playerId());
        players.put(player.id, player);
        driver.joined(player);
        arrived.add(player);
      } else if (entry instanceof Left left) {
        KitPlayer player = players.remove(left.playerId());
        if (player != null) {
          driver.left(player);
        }
      } else if (entry instanceof Fact fact) {
        driver.apply(fact.bytes());
      } else if (entry instanceof Ack ack && players.containsKey(ack.playerId())) {
        KitPlayer player = players.get(ack.playerId());
        player.lastSeq = Math.max(player.lastSeq, ack.seq());
      }
      changed();
    }
    for (KitPlayer player : arrived) {
      driver.onJoin(player);
    }
    writeFacts();
  }

  private void changed() {
    if (traits.isTurnBased()) {
      tick++;
    }
  }

  // ---- what players see ----

  /** The {@code state} frame {@code playerId} would receive now, as JSON text. */
  public String state(String playerId) {
    KitPlayer player = player(playerId);
    GameDriver<F>.JsonState state = driver.json(roomId, tick, players.values());
    byte[] own = state.own(player);
    return new String(own != null ? own : state.shared(), StandardCharsets.UTF_8);
  }

  /** The players in the room, in the order they joined. */
  public List<String> players() {
    return List.copyOf(players.keySet());
  }

  private KitPlayer player(String playerId) {
    KitPlayer player = players.get(playerId);
    if (player == null) {
      throw new IllegalArgumentException("no player " + playerId + " in the room");
    }
    return player;
  }

  /** A clock the kit moves. */
  private static final class MutableClock extends Clock {
    private long millis;

    MutableClock(Instant start) {
      this.millis = start.toEpochMilli();
    }

    void advance(Duration duration) {
      millis += duration.toMillis();
    }

    void set(long to) {
      millis = to;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
