package io.arena.server.room;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.persistence.typed.PersistenceId;
import io.arena.games.arena.ArenaDefinition;
import io.arena.games.arena.CoinPicked;
import io.arena.server.config.GameSettings;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One room of {@link StoreBenchmark}: writes what a playing arena room of eight writes, with the
 * room's own discipline ({@link RoomJournal}: one batch and one checkpoint under way at a time),
 * and records each write's latency and, at every beat, the age of its last stored checkpoint.
 */
final class BenchRoom extends AbstractBehavior<BenchRoom.Command> {
  private static final RoomProfile ARENA = new RoomProfile("arena", "default", false);
  private static final ArenaDefinition ARENA_GAME = new ArenaDefinition();

  sealed interface Command {}

  private record Beat() implements Command {}

  private record LedgerReady() implements Command {}

  private record BatchStored(long number, long startedNanos, boolean stored) implements Command {}

  private record CheckpointStored(long takenAtMillis, long startedNanos, boolean stored)
      implements Command {}

  private static final Beat BEAT = new Beat();

  private final GameSettings settings;
  private final byte[] game;
  private final double factChance;
  private final double churnChance;
  private final long checkpointBeats;
  private final long phase;
  private final SplittableRandom random;
  private final ActorRef<RoomLedger.Command> ledger;
  private final RoomJournal journal;
  private final ArrayDeque<String> seated = new ArrayDeque<>();
  private int nextPlayer;
  private long beat;
  private long checkpointTakenAt = -1;

  static Behavior<Command> create(PersistenceId id, GameSettings settings, byte[] game,
      double factsPerSecond, int staySeconds, int seed, Duration startIn) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new BenchRoom(context, timers, id, settings, game, factsPerSecond, staySeconds, seed, startIn)));
  }

  private BenchRoom(ActorContext<Command> context, TimerScheduler<Command> timers, PersistenceId id,
      GameSettings settings, byte[] game, double factsPerSecond, int staySeconds, int seed,
      Duration startIn) {
    super(context);
    this.settings = settings;
    this.game = game;
    double beatHz = settings.tickHz();
    this.factChance = factsPerSecond / beatHz;
    this.churnChance = StoreBenchmark.SEATS / (staySeconds * beatHz);
    this.checkpointBeats = settings.ticksIn(settings.checkpointInterval());
    this.random = new SplittableRandom(seed);
    this.phase = random.nextLong(checkpointBeats);
    this.ledger = context.spawn(RoomLedger.create(id,
        context.messageAdapter(RoomLedger.Ready.class, ready -> new LedgerReady())), "ledger");
    this.journal = new RoomJournal(settings);
    for (int seat = 0; seat < StoreBenchmark.SEATS; seat++) {
      join();
    }
    timers.startTimerAtFixedRate(BEAT, startIn, settings.tickInterval());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Beat.class, beat -> onBeat())
        .onMessage(LedgerReady.class, ready -> {
          journal.retryNow();
          return this;
        })
        .onMessage(BatchStored.class, this::onBatchStored)
        .onMessage(CheckpointStored.class, this::onCheckpointStored)
        .build();
  }

  private Behavior<Command> onBeat() {
    beat++;
    if (random.nextDouble() < churnChance) {
      journal.append(new RoomLedger.PlayerLeft(journal.nextBatch(), seated.removeFirst(), beat));
      join();
    }
    if (random.nextDouble() < factChance) {
      String picker = seated.peekLast();
      journal.append(new RoomLedger.FactRecorded(journal.nextBatch(), coinPicked(picker)));
    }
    RoomJournal.Batch batch = journal.due(beat);
    if (batch != null) {
      long startedNanos = System.nanoTime();
      LedgerWrite.ask(getContext(), ledger, settings.writeTimeout(),
          replyTo -> new RoomLedger.RecordBatch(batch.number(), ARENA, batch.entries(), replyTo),
          stored -> new BatchStored(batch.number(), startedNanos, stored));
    }
    if ((beat + phase) % checkpointBeats == 0 && journal.checkpointDue(beat)) {
      checkpoint();
    }
    if (checkpointTakenAt >= 0) {
      StoreBenchmark.CHECKPOINT_AGE.add(System.currentTimeMillis() - checkpointTakenAt);
    }
    return this;
  }

  private void join() {
    String player = "player-" + nextPlayer++;
    seated.addLast(player);
    journal.append(new RoomLedger.PlayerJoined(journal.nextBatch(), player, player));
  }

  private void checkpoint() {
    journal.checkpointStarted();
    long takenAt = System.currentTimeMillis();
    long startedNanos = System.nanoTime();
    Map<String, Long> lastSeqs = new HashMap<>();
    for (String player : seated) {
      lastSeqs.put(player, beat);
    }
    RoomLedger.Checkpoint checkpoint =
        new RoomLedger.Checkpoint(beat, takenAt, journal.storedThrough(), lastSeqs, game);
    LedgerWrite.ask(getContext(), ledger, settings.writeTimeout(),
        replyTo -> new RoomLedger.RecordCheckpoint(checkpoint, replyTo),
        stored -> new CheckpointStored(takenAt, startedNanos, stored));
  }

  private Behavior<Command> onBatchStored(BatchStored stored) {
    if (!stored.stored()) {
      journal.failed(stored.number(), beat);
      StoreBenchmark.FAILURES.increment();
      return this;
    }
    RoomJournal.Batch batch = journal.stored(stored.number());
    if (batch != null) {
      StoreBenchmark.BATCH_WRITE.add((System.nanoTime() - stored.startedNanos()) / 1_000_000);
      StoreBenchmark.ENTRIES.add(batch.entries().size());
    }
    return this;
  }

  private Behavior<Command> onCheckpointStored(CheckpointStored stored) {
    if (!stored.stored()) {
      journal.checkpointFailed(beat);
      StoreBenchmark.FAILURES.increment();
      return this;
    }
    journal.checkpointStored(beat, stored.takenAtMillis());
    checkpointTakenAt = stored.takenAtMillis();
    StoreBenchmark.CHECKPOINT_WRITE.add((System.nanoTime() - stored.startedNanos()) / 1_000_000);
    return this;
  }

  /** The arena's score, as its definition writes it. */
  private static byte[] coinPicked(String playerId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      ARENA_GAME.writeFact(new CoinPicked(playerId), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
