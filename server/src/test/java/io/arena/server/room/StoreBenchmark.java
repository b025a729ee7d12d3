package io.arena.server.room;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.arena.game.Player;
import io.arena.game.RoomSetup;
import io.arena.game.host.GameDriver;
import io.arena.games.arena.ArenaDefinition;
import io.arena.server.config.GameSettings;
import io.arena.server.config.NodeConfig;
import io.arena.server.config.StoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one store sustains through the rooms' write path (issue 23, part 4): {@code ROOMS} rooms of
 * eight arena players write what playing rooms write, through the real {@link RoomLedger} and
 * akka-persistence-jdbc, and nothing else runs: no simulation, no sockets. Each room, on its own
 * phase, takes a checkpoint of a real arena game every {@code GAME_CHECKPOINT_INTERVAL} (one at a
 * time, as {@link GameRoom} does) and sends its entries in batches through a {@link RoomJournal}:
 * {@code FACTS} scores a second and a join and a leave every {@code STAY_S / 8} seconds. Prints,
 * after {@code WARM_S} seconds of warm-up, per {@code MEASURE_S} window: writes a second, write
 * latency, the checkpoint age (now minus the taking of each room's last stored checkpoint, sampled
 * at every beat of every room) and failed writes. A benchmark, not a test; the store is the node's,
 * from {@code GAME_STORE} and {@code GAME_DB_*}. Run by {@code loadtest/storebench.sh}.
 *
 * <pre>java -cp game-server.jar:test-classes io.arena.server.room.StoreBenchmark ROOMS WARM_S MEASURE_S [FACTS [STAY_S]]</pre>
 */
public final class StoreBenchmark {
  /** A bench room's beat: four a second is enough for batches and checkpoints, and 12 500 rooms at 20 Hz would measure the bench. */
  private static final int BEAT_HZ = 4;
  static final int SEATS = 8;
  private static final Duration RAMP = Duration.ofSeconds(10);

  /** Milliseconds, one bucket each up to a minute. */
  static final class Millis {
    private final AtomicLongArray counts = new AtomicLongArray(60_001);
    private final LongAdder total = new LongAdder();

    void add(long millis) {
      counts.incrementAndGet((int) Math.min(Math.max(millis, 0), counts.length() - 1));
      total.increment();
    }

    long count() {
      return total.sum();
    }

    long percentile(double p) {
      long rank = (long) Math.ceil(total.sum() * p);
      long seen = 0;
      for (int millis = 0; millis < counts.length(); millis++) {
        seen += counts.get(millis);
        if (seen >= Math.max(rank, 1)) {
          return millis;
        }
      }
      return counts.length() - 1;
    }

    void reset() {
      for (int millis = 0; millis < counts.length(); millis++) {
        counts.set(millis, 0);
      }
      total.reset();
    }

    String summary() {
      return String.format("p50 %d, p99 %d, max %d ms", percentile(0.5), percentile(0.99), percentile(1.0));
    }
  }

  static final Millis CHECKPOINT_WRITE = new Millis();
  static final Millis BATCH_WRITE = new Millis();
  static final Millis CHECKPOINT_AGE = new Millis();
  static final LongAdder ENTRIES = new LongAdder();
  static final LongAdder FAILURES = new LongAdder();

  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rooms = Integer.parseInt(args[0]);
    int warmSeconds = Integer.parseInt(args[1]);
    int measureSeconds = Integer.parseInt(args[2]);
    double factsPerSecond = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    int staySeconds = args.length > 4 ? Integer.parseInt(args[4]) : 300;
    Config config = NodeConfig.load(ConfigFactory.parseString(
        "akka.actor.provider = local\nakka.loglevel = WARNING"));
    StoreSettings.fromConfig(config.getConfig("game")).createSchemaIfMissing();
    GameSettings settings = GameSettings.fromConfig(config.getConfig("game")).withTickHz(BEAT_HZ);
    byte[] game = arenaCheckpoint();
    System.out.printf("store: %s; %d rooms, a checkpoint of %d bytes every %d ms each, %.2f scores a"
            + " second and a join and a leave every %d s per room%n",
        config.getString("game.store"), rooms, game.length, settings.checkpointInterval().toMillis(),
        factsPerSecond, staySeconds / SEATS);
    String run = Long.toString(System.currentTimeMillis(), 36);
    Behavior<Void> root = Behaviors.setup(context -> {
      long rampNanos = RAMP.toNanos() / rooms;
      for (int room = 0; room < rooms; room++) {
        String id = "bench-" + run + "-" + room;
        context.spawn(BenchRoom.create(PersistenceId.of(GameRoom.ENTITY_KEY.name(), id), settings, game,
            factsPerSecond, staySeconds, room, Duration.ofNanos(rampNanos * room)), id);
      }
      return Behaviors.empty();
    });
    ActorSystem<Void> system = ActorSystem.create(root, NodeConfig.SYSTEM_NAME, config);
    try {
      TimeUnit.SECONDS.sleep(warmSeconds);
      for (Millis millis : List.of(CHECKPOINT_WRITE, BATCH_WRITE, CHECKPOINT_AGE)) {
        millis.reset();
      }
      ENTRIES.reset();
      FAILURES.reset();
      TimeUnit.SECONDS.sleep(measureSeconds);
      System.out.printf("checkpoints: %.0f stored a second (%.0f due), write %s%n",
          CHECKPOINT_WRITE.count() / (double) measureSeconds,
          rooms * 1000.0 / settings.checkpointInterval().toMillis(), CHECKPOINT_WRITE.summary());
      System.out.printf("batches: %.0f stored a second with %.0f entries, write %s%n",
          BATCH_WRITE.count() / (double) measureSeconds, ENTRIES.sum() / (double) measureSeconds,
          BATCH_WRITE.summary());
      System.out.printf("checkpoint age: %s over %d samples%n", CHECKPOINT_AGE.summary(),
          CHECKPOINT_AGE.count());
      System.out.printf("failed writes: %d%n", FAILURES.sum());
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** What an arena room of eight saves after a minute of play: the payload of every checkpoint. */
  private static byte[] arenaCheckpoint() {
    Map<String, Player> seated = new HashMap<>();
    RoomSetup setup = new RoomSetup("bench", "default", Clock.systemUTC(), new SplittableRandom(7),
        1.0 / 20, seated::get);
    GameDriver<?> driver = new GameDriver<>(new ArenaDefinition(), setup, (hook, failure) -> {
      throw failure;
    });
    SplittableRandom steering = new SplittableRandom(11);
    for (int seat = 0; seat < SEATS; seat++) {
      Player player = new BenchPlayer("player-" + seat);
      seated.put(player.id(), player);
      driver.onJoin(player);
    }
    for (int tick = 0; tick < 20 * 60; tick++) {
      if (tick % 20 == 0) {
        for (Player player : seated.values()) {
          driver.onInput(player, new double[] {steering.nextDouble(-1, 1), steering.nextDouble(-1, 1)});
        }
      }
      driver.onTick();
    }
    return driver.save();
  }

  private record BenchPlayer(String id) implements Player {
    @Override
    public String name() {
      return id;
    }

    @Override
    public boolean connected() {
      return true;
    }
  }
}
