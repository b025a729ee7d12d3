package io.arena.server.room;

import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.persistence.testkit.PersistenceTestKitPlugin;
import akka.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.arena.protocol.StateFormat;
import io.arena.server.config.GameSettings;
import io.arena.server.lobby.Listings;
import io.arena.server.lobby.RoomListing;
import io.arena.server.metrics.GameMetrics;
import io.arena.server.testing.CoinChaser;
import io.arena.server.testing.WsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Rooms with time in the test's hands: each tick is one step of manual time, the journal is
 * Akka's in-memory test journal (which can be told to fail), and each room's random source is
 * seeded by its id. Shared by the room's example tests and its properties.
 */
final class RoomHarness {
  private RoomHarness() {}

  static final int TICK_HZ = 20;
  static final Duration TICK = Duration.ofMillis(1000 / TICK_HZ);
  static final int CAPACITY = 3;
  static final Duration CHECKPOINT = Duration.ofSeconds(1);
  static final long CHECKPOINT_TICKS = 20;
  static final Duration GRACE = Duration.ofSeconds(2);
  static final Duration IDLE = Duration.ofSeconds(5);
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);
  /** A failed write's first retry waits 1 s (WriteBackoff): 20 ticks. */
  static final long WRITE_BACKOFF_TICKS = 20;
  /** Real time to wait for something the room does without manual time passing. */
  static final Duration REAL_WAIT = Duration.ofSeconds(5);

  static ActorTestKit testKit;
  /** What the harness's rooms list among public rooms, by room id. */
  static final ListedRooms LISTINGS = new ListedRooms();
  /** Every game on the class path: the bundled ones. */
  static final GameCatalog GAMES = GameCatalog.load(java.util.List.of());
  static ManualTime manualTime;
  static PersistenceTestKit journal;
  /** Every probe plays the edge node of one socket, number {@value}. */
  static final long SOCKET = 1;

  /** The public rooms as rooms of the harness published them: the latest listing of each. */
  static final class ListedRooms implements Listings {
    private final Map<String, RoomListing> listed = new ConcurrentHashMap<>();

    @Override
    public void publish(RoomListing listing) {
      listed.put(listing.room(), listing);
    }

    @Override
    public void withdraw(String room) {
      listed.remove(room);
    }

    /** The room's listing, or null while it is not listed. */
    RoomListing of(String room) {
      return listed.get(room);
    }
  }

  /** The harness for a JUnit test class: {@code @ExtendWith(RoomHarness.Running.class)}. */
  static final class Running implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
      stop();
    }
  }

  /** Starts the test kit: manual time, Akka's in-memory journal, Jackson CBOR serialization. */
  static void start() {
    testKit = ActorTestKit.create(ManualTime.config()
        .withFallback(PersistenceTestKitPlugin.getInstance().config())
        .withFallback(PersistenceTestKitSnapshotPlugin.config())
        .withFallback(ConfigFactory.parseResources("serialization.conf")));
    manualTime = ManualTime.get(testKit.system());
    journal = PersistenceTestKit.create(testKit.system());
  }

  static void stop() {
    testKit.shutdownTestKit();
  }

  /** The harness's settings; {@code overrides} are more lines of the {@code game} section. */
  static GameSettings settings(Duration checkpointInterval, String... overrides) {
    return GameSettings.fromConfig(ConfigFactory.parseString(String.join("\n", overrides))
        .withFallback(ConfigFactory.parseString(String.join("\n",
            "tick-hz = " + TICK_HZ,
            "checkpoint-interval = " + checkpointInterval.toMillis() + "ms",
            "room-capacity = " + CAPACITY,
            "room-idle-timeout = " + IDLE.toMillis() + "ms",
            "disconnect-grace = " + GRACE.toMillis() + "ms",
            "write-timeout = " + WRITE_TIMEOUT.toMillis() + "ms")))
        .withFallback(ConfigFactory.load().getConfig("game")));
  }

  /** Each room gets its own shard: rooms of other tests share the manual clock and passivate too. */
  static ActorRef<GameRoom.Command> spawnRoom(String roomId, GameSettings settings,
      TestProbe<ClusterSharding.ShardCommand> shard, RoomQuota quota) {
    RoomEnvironment env = new RoomEnvironment(
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
        room -> new SplittableRandom(room.hashCode()), new GameMetrics(), quota, new LocalRooms(),
        LISTINGS, GAMES);
    return testKit.spawn(GameRoom.create(roomId, "7", shard.getRef(), settings, env));
  }

  static ActorRef<GameRoom.Command> spawnRoom(String roomId, GameSettings settings,
      TestProbe<ClusterSharding.ShardCommand> shard) {
    return spawnRoom(roomId, settings, shard, new RoomQuota(1000));
  }

  static ActorRef<GameRoom.Command> spawnRoom(String roomId, GameSettings settings) {
    return spawnRoom(roomId, settings, testKit.createTestProbe());
  }

  static ActorRef<GameRoom.Command> spawnRoom(String roomId) {
    return spawnRoom(roomId, settings(CHECKPOINT));
  }

  static RoomUpdate.JoinAccepted join(ActorRef<GameRoom.Command> room,
      TestProbe<RoomUpdate> player, String name) {
    room.tell(new GameRoom.Join(name, null, on(player)));
    return player.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT);
  }

  /** The next state frame {@code player} receives, skipping chat and other frames. */
  static JsonNode nextState(TestProbe<RoomUpdate> player) throws Exception {
    var received = player.fishForMessage(REAL_WAIT, update ->
        update instanceof RoomUpdate.State
            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return WsClient.JSON.readTree(((RoomUpdate.State) received.get(received.size() - 1)).json());
  }

  /** The socket {@code probe} stands for, as rooms address it. */
  static GameRoom.Connection on(TestProbe<RoomUpdate> probe) {
    return new GameRoom.Connection(probe.getRef(), SOCKET, StateFormat.JSON);
  }

  /** One tick of manual time, and the state frame it produced. */
  static JsonNode tick(TestProbe<RoomUpdate> player) throws Exception {
    manualTime.timePasses(TICK);
    return nextState(player);
  }

  static long score(JsonNode state, String playerId) {
    return WsClient.player(state, playerId).path("score").asLong();
  }

  static GameRoom.RoomInfo info(ActorRef<GameRoom.Command> room) {
    TestProbe<GameRoom.RoomInfo> probe = testKit.createTestProbe();
    room.tell(new GameRoom.GetInfo(probe.getRef()));
    return probe.expectMessageClass(GameRoom.RoomInfo.class, REAL_WAIT);
  }

  /** Ticks while steering toward coins until the frames show a higher score, within 600 ticks. */
  static JsonNode chaseUntilScored(ActorRef<GameRoom.Command> room,
      TestProbe<RoomUpdate> player, String playerId, long[] seq) throws Exception {
    JsonNode state = tick(player);
    long before = score(state, playerId);
    for (int ticks = 0; ticks < 600 && score(state, playerId) == before; ticks++) {
      double[] direction = CoinChaser.direction(state, playerId);
      room.tell(new GameRoom.ApplyInput(playerId, ++seq[0], new double[] {direction[0], direction[1]}));
      state = tick(player);
    }
    assertTrue(score(state, playerId) > before, "no coin picked up within 600 ticks");
    return state;
  }
}
