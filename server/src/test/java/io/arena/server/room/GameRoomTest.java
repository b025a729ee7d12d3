package io.arena.server.room;

import static io.arena.server.room.RoomHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.FishingOutcomes;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.persistence.typed.PersistenceId;
import com.fasterxml.jackson.databind.JsonNode;
import io.arena.protocol.StateFormat;
import io.arena.games.arena.Arena;
import io.arena.server.testing.CoinChaser;
import io.arena.server.testing.WsClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The room's rules with time in the test's hands: each tick is one step of manual time, the journal
 * is Akka's in-memory test journal (which can be told to fail), and the random source is seeded.
 */
@ExtendWith(RoomHarness.Running.class)
class GameRoomTest {
  @Test
  void joinedPlayerAppearsInStateFramesWithItsAcks() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("appear");
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    RoomUpdate.JoinAccepted joined = join(room, ada, "Ada");
    assertEquals("appear", joined.room());
    assertEquals(TICK_HZ, joined.tickRate());
    assertEquals(0, joined.lastSeq());

    room.tell(new GameRoom.ApplyInput(joined.playerId(), 5, new double[] {1, 0}));
    JsonNode state = tick(ada);
    JsonNode me = WsClient.player(state, joined.playerId());
    assertEquals("Ada", me.path("name").asText());
    assertEquals(0, me.path("score").asLong());
    assertEquals(5, state.path("acks").path(joined.playerId()).asLong());
    assertEquals(Arena.COIN_COUNT, state.path("coins").size());
    assertEquals(joined.tick() + 1, state.path("tick").asLong());

    room.tell(new GameRoom.ApplyInput(joined.playerId(), 4, new double[] {0, 1}));
    assertEquals(5, tick(ada).path("acks").path(joined.playerId()).asLong(), "acks never go back");
  }

  @Test
  void scoreWaitsForItsWriteWhileTheTickGoesOn() throws Exception {
    // Checkpoints far apart: the only write during the chase is the score.
    ActorRef<GameRoom.Command> room = spawnRoom("slow-store", settings(Duration.ofHours(1)));
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    String me = join(room, ada, "Ada").playerId();
    journal.failNextPersisted(PersistenceId.of(GameRoom.ENTITY_KEY.name(), "slow-store").id());

    long[] seq = {0};
    JsonNode previous = tick(ada);
    long pickedAt = -1;
    int pickups = 0;
    JsonNode state = previous;
    for (int ticks = 0; ticks < 800 && score(state, me) == 0; ticks++) {
      double[] direction = CoinChaser.direction(previous, me);
      room.tell(new GameRoom.ApplyInput(me, ++seq[0], new double[] {direction[0], direction[1]}));
      state = tick(ada);
      assertEquals(previous.path("tick").asLong() + 1, state.path("tick").asLong(), "the tick never stalls");
      if (CoinChaser.coinsTakenBy(previous, state, me) > 0) {
        pickups++;
        pickedAt = pickedAt < 0 ? state.path("tick").asLong() : pickedAt;
      }
      previous = state;
    }
    assertTrue(pickedAt > 0, "a coin was picked up");
    // The retry stores the absolute score, so pickups made while the write was failing count too.
    long shown = score(state, me);
    assertTrue(shown >= 1 && shown <= pickups, "shown " + shown + " after " + pickups + " pickups");
    long waited = state.path("tick").asLong() - pickedAt;
    // The failed write restarted the ledger; once it had recovered, the room sent the write again
    // at once instead of after its 1 s backoff (RoomLedger.Ready).
    assertTrue(waited >= 1 && waited < WRITE_BACKOFF_TICKS,
        "the failed write kept the score hidden until its retry, which followed the ledger's recovery; "
            + "shown after " + waited + " ticks");
  }

  @Test
  void crashGoesBackAtMostOneCheckpointAndKeepsShownScores() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("crash");
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    String me = join(room, ada, "Ada").playerId();
    long[] seq = {0};
    JsonNode state = chaseUntilScored(room, ada, me, seq);
    long shownScore = score(state, me);

    // Walk on in one direction, recording where the player was at every tick.
    room.tell(new GameRoom.ApplyInput(me, ++seq[0], new double[] {0.6, 0.8}));
    Map<Long, JsonNode> seenAt = new HashMap<>();
    for (int ticks = 0; ticks < 2 * CHECKPOINT_TICKS + 5; ticks++) {
      state = tick(ada);
      seenAt.put(state.path("tick").asLong(), WsClient.player(state, me));
    }
    long lastSeenTick = state.path("tick").asLong();
    long checkpointed = awaitCheckpointAtLeast(room, lastSeenTick - CHECKPOINT_TICKS);
    // A later checkpoint may still be on its way to the journal: recovery takes the newest stored.

    testKit.stop(room); // no stop message, so no final checkpoint: as a crash leaves it

    ActorRef<GameRoom.Command> recovered = spawnRoom("crash");
    TestProbe<RoomUpdate> again = testKit.createTestProbe();
    recovered.tell(new GameRoom.Rejoin(me, on(again)));
    RoomUpdate.JoinAccepted rejoined = again.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT);
    assertTrue(rejoined.tick() >= checkpointed && rejoined.tick() <= lastSeenTick,
        "the room resumes from its last stored checkpoint, tick " + rejoined.tick());
    assertTrue(lastSeenTick - rejoined.tick() <= CHECKPOINT_TICKS, "G2: back at most one interval");
    assertEquals(seq[0], rejoined.lastSeq());

    JsonNode after = tick(again);
    assertTrue(score(after, me) >= shownScore, "G1: a score once shown survives the crash");
    // A recovered player stands where the checkpoint saw it until its session sends input again.
    JsonNode replayed = WsClient.player(after, me);
    JsonNode atCheckpoint = seenAt.get(rejoined.tick());
    assertEquals(atCheckpoint.path("x").asDouble(), replayed.path("x").asDouble(), 0.011);
    assertEquals(atCheckpoint.path("y").asDouble(), replayed.path("y").asDouble(), 0.011);
  }

  /** Waits (in real time) until the room has stored a checkpoint of at least {@code tick}. */
  private static long awaitCheckpointAtLeast(ActorRef<GameRoom.Command> room, long tick)
      throws InterruptedException {
    long deadline = System.nanoTime() + REAL_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      long checkpointTick = info(room).status().checkpointTick();
      if (checkpointTick >= tick) {
        return checkpointTick;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no checkpoint of tick " + tick + " was stored");
  }

  @Test
  void gracefulStopTakesNothingBack() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("graceful");
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    String me = join(room, ada, "Ada").playerId();
    room.tell(new GameRoom.ApplyInput(me, 1, new double[] {-0.6, 0.8}));
    JsonNode state = null;
    for (int ticks = 0; ticks < 7; ticks++) {
      state = tick(ada);
    }
    JsonNode last = WsClient.player(state, me);

    TestProbe<Object> watcher = testKit.createTestProbe();
    room.tell(new GameRoom.Stop());
    watcher.expectTerminated(room, REAL_WAIT);

    ActorRef<GameRoom.Command> restarted = spawnRoom("graceful");
    TestProbe<RoomUpdate> again = testKit.createTestProbe();
    restarted.tell(new GameRoom.Rejoin(me, on(again)));
    RoomUpdate.JoinAccepted rejoined = again.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT);
    assertEquals(state.path("tick").asLong(), rejoined.tick(), "the final checkpoint is the last tick");
    JsonNode resumed = WsClient.player(tick(again), me);
    // Nothing went back, and a restored player stands still until its session sends input again.
    assertEquals(last.path("x").asDouble(), resumed.path("x").asDouble(), 0.011);
    assertEquals(last.path("y").asDouble(), resumed.path("y").asDouble(), 0.011);
  }

  @Test
  void fullRoomRefusesTheNextJoin() {
    ActorRef<GameRoom.Command> room = spawnRoom("full");
    for (int i = 0; i < CAPACITY; i++) {
      join(room, testKit.createTestProbe(), "p" + i);
    }
    TestProbe<RoomUpdate> late = testKit.createTestProbe();
    room.tell(new GameRoom.Join("late", null, on(late)));
    assertEquals(new RoomUpdate.JoinRefused(SOCKET, "full", RoomUpdate.Refusal.ROOM_FULL),
        late.expectMessageClass(RoomUpdate.JoinRefused.class, REAL_WAIT));
  }

  @Test
  void newRoomBeyondTheNodesQuotaIsRefusedButRoomsWithPlayersAlwaysStart() throws Exception {
    RoomQuota quota = new RoomQuota(1);
    ActorRef<GameRoom.Command> first =
        spawnRoom("quota-first", settings(CHECKPOINT), testKit.createTestProbe(), quota);
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    String adaId = join(first, ada, "Ada").playerId();

    TestProbe<ClusterSharding.ShardCommand> secondShard = testKit.createTestProbe();
    ActorRef<GameRoom.Command> second = spawnRoom("quota-second", settings(CHECKPOINT), secondShard, quota);
    TestProbe<RoomUpdate> bob = testKit.createTestProbe();
    second.tell(new GameRoom.Join("Bob", null, on(bob)));
    assertEquals(new RoomUpdate.JoinRefused(SOCKET, "quota-second", RoomUpdate.Refusal.UNAVAILABLE),
        bob.expectMessageClass(RoomUpdate.JoinRefused.class, REAL_WAIT));
    secondShard.expectMessageClass(ClusterSharding.Passivate.class, REAL_WAIT);

    // The first room crashes; a third new room takes the freed place, so the node is full again.
    testKit.stop(first);
    ActorRef<GameRoom.Command> third =
        spawnRoom("quota-third", settings(CHECKPOINT), testKit.createTestProbe(), quota);
    join(third, testKit.createTestProbe(), "Cy");
    // The first room comes back (as after a failover) on the full node: it has players, so it starts.
    ActorRef<GameRoom.Command> again =
        spawnRoom("quota-first", settings(CHECKPOINT), testKit.createTestProbe(), quota);
    TestProbe<RoomUpdate> adaAgain = testKit.createTestProbe();
    again.tell(new GameRoom.Rejoin(adaId, on(adaAgain)));
    adaAgain.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT);
  }

  @Test
  void returningPlayerKeepsItsAcks() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("acks-kept");
    TestProbe<RoomUpdate> bob = testKit.createTestProbe();
    join(room, bob, "Bob");
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    String me = join(room, ada, "Ada").playerId();
    room.tell(new GameRoom.ApplyInput(me, 7, new double[] {1, 0}));
    assertEquals(7, tick(bob).path("acks").path(me).asLong());

    leave(room, me, bob);

    TestProbe<RoomUpdate> adaAgain = testKit.createTestProbe();
    room.tell(new GameRoom.Rejoin(me, on(adaAgain)));
    assertEquals(7, adaAgain.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT).lastSeq());
    assertEquals(7, tick(bob).path("acks").path(me).asLong(), "acks never go back");
  }

  /** {@code playerId} leaves, and {@code observer} sees it gone (its leave is stored by then). */
  private static void leave(ActorRef<GameRoom.Command> room, String playerId,
      TestProbe<RoomUpdate> observer) throws Exception {
    room.tell(new GameRoom.Leave(playerId));
    JsonNode state = tick(observer);
    for (int ticks = 0; ticks < 40 && !WsClient.player(state, playerId).isMissingNode(); ticks++) {
      state = tick(observer);
    }
    assertTrue(WsClient.player(state, playerId).isMissingNode(), playerId + " has left");
  }

  @Test
  void playerForgottenPastTheDepartedLimitCannotRejoin() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("churn", settings(CHECKPOINT, "departed-kept = 1"));
    TestProbe<RoomUpdate> bob = testKit.createTestProbe();
    join(room, bob, "Bob");
    String ada = join(room, testKit.createTestProbe(), "Ada").playerId();
    String cy = join(room, testKit.createTestProbe(), "Cy").playerId();
    leave(room, ada, bob);
    leave(room, cy, bob);

    TestProbe<RoomUpdate> adaAgain = testKit.createTestProbe();
    room.tell(new GameRoom.Rejoin(ada, on(adaAgain)));
    assertEquals(new RoomUpdate.JoinRefused(SOCKET, "churn", RoomUpdate.Refusal.UNKNOWN_PLAYER),
        adaAgain.expectMessageClass(RoomUpdate.JoinRefused.class, REAL_WAIT), "Ada left longest ago");
    TestProbe<RoomUpdate> cyAgain = testKit.createTestProbe();
    room.tell(new GameRoom.Rejoin(cy, on(cyAgain)));
    cyAgain.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT);
  }

  @Test
  void unknownPlayerCannotRejoin() {
    ActorRef<GameRoom.Command> room = spawnRoom("strangers");
    TestProbe<RoomUpdate> stranger = testKit.createTestProbe();
    room.tell(new GameRoom.Rejoin("nobody", on(stranger)));
    assertEquals(new RoomUpdate.JoinRefused(SOCKET, "strangers", RoomUpdate.Refusal.UNKNOWN_PLAYER),
        stranger.expectMessageClass(RoomUpdate.JoinRefused.class, REAL_WAIT));
  }

  @Test
  void resumingOnAnotherConnectionDetachesTheOldOne() {
    ActorRef<GameRoom.Command> room = spawnRoom("takeover");
    TestProbe<RoomUpdate> oldSocket = testKit.createTestProbe();
    String me = join(room, oldSocket, "Ada").playerId();
    TestProbe<RoomUpdate> newSocket = testKit.createTestProbe();
    room.tell(new GameRoom.Rejoin(me, on(newSocket)));
    assertEquals(me, newSocket.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT).playerId());
    oldSocket.fishForMessage(REAL_WAIT, update ->
        update.equals(new RoomUpdate.Released(SOCKET, room, true))
            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
  }

  @Test
  void disconnectedPlayerLeavesAfterGraceAndResumesWithItsScore() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("grace");
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    TestProbe<RoomUpdate> bob = testKit.createTestProbe();
    String adaId = join(room, ada, "Ada").playerId();
    join(room, bob, "Bob");
    long[] seq = {0};
    long adaScore = score(chaseUntilScored(room, ada, adaId, seq), adaId);

    room.tell(new GameRoom.Disconnect(adaId, on(ada)));
    long graceTicks = GRACE.toMillis() / TICK.toMillis();
    JsonNode seenByBob = null;
    for (int ticks = 0; ticks < graceTicks - 2; ticks++) {
      seenByBob = tick(bob);
    }
    assertEquals(adaScore, score(seenByBob, adaId), "within the grace period Ada is still in the room");
    for (int ticks = 0; ticks < 40 && !WsClient.player(seenByBob, adaId).isMissingNode(); ticks++) {
      seenByBob = tick(bob);
    }
    assertTrue(WsClient.player(seenByBob, adaId).isMissingNode(), "after the grace period Ada has left");

    TestProbe<RoomUpdate> adaAgain = testKit.createTestProbe();
    room.tell(new GameRoom.Rejoin(adaId, on(adaAgain)));
    adaAgain.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT);
    assertEquals(adaScore, score(tick(adaAgain), adaId));
  }

  @Test
  void emptyRoomPassivatesAfterItsIdleTimeout() throws Exception {
    TestProbe<ClusterSharding.ShardCommand> shard = testKit.createTestProbe();
    ActorRef<GameRoom.Command> room = spawnRoom("idle", settings(CHECKPOINT), shard);
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    String me = join(room, ada, "Ada").playerId();
    tick(ada);
    room.tell(new GameRoom.Disconnect(me, on(ada)));
    long idleTicks = IDLE.toMillis() / TICK.toMillis();
    for (int ticks = 0; ticks < idleTicks - 2; ticks++) {
      manualTime.timePasses(TICK);
    }
    shard.expectNoMessage(Duration.ofMillis(200));
    manualTime.timePasses(TICK.multipliedBy(4));
    ClusterSharding.ShardCommand passivate = shard.expectMessageClass(ClusterSharding.Passivate.class, REAL_WAIT);
    assertEquals(new ClusterSharding.Passivate<>(room), passivate);
  }

  @Test
  void roomWithNobodyConnectedRestsUntilAPlayerComesBack() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("rest",
        settings(CHECKPOINT, "disconnect-grace = 30s", "room-idle-timeout = 60s"));
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    String me = join(room, ada, "Ada").playerId();
    room.tell(new GameRoom.ApplyInput(me, 1, new double[] {1, 0}));
    tick(ada);
    tick(ada);
    room.tell(new GameRoom.Disconnect(me, on(ada)));
    for (int ticks = 0; ticks < 3; ticks++) {
      manualTime.timePasses(TICK); // the steps that show the arena settled (she stopped on leaving)
    }
    manualTime.timePasses(CHECKPOINT); // the last moves' checkpoint
    awaitCheckpointAtLeast(room, 1);
    Thread.sleep(300);
    GameRoom.RoomInfo rested = info(room);

    for (int seconds = 0; seconds < 5; seconds++) {
      manualTime.timePasses(CHECKPOINT);
    }
    Thread.sleep(300); // what a tick or a checkpoint would take to show, in real time: a few ms
    GameRoom.RoomInfo later = info(room);
    assertEquals(rested.status().tick(), later.status().tick(), "no ticks while nobody watches");
    assertEquals(rested.status().checkpointTick(), later.status().checkpointTick(),
        "no checkpoint of an unchanged game");

    TestProbe<RoomUpdate> adaAgain = testKit.createTestProbe();
    room.tell(new GameRoom.Rejoin(me, on(adaAgain)));
    adaAgain.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT);
    assertEquals(later.status().tick() + 1, tick(adaAgain).path("tick").asLong(),
        "the room ticks again, from where it rested");
  }

  @Test
  void aRoomNobodyJoinedStoresNoCheckpointUntilSomeoneJoins() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("asked-about");
    assertFalse(info(room).exists(), "an operator asked about a room nobody joined");
    for (int seconds = 0; seconds < 3; seconds++) {
      manualTime.timePasses(CHECKPOINT);
    }
    Thread.sleep(500); // what a checkpoint would take to be stored, in real time: a few ms
    assertEquals(-1, info(room).status().checkpointTick(), "nothing to checkpoint in an empty room");
    TestProbe<RoomUpdate> ada = testKit.createTestProbe();
    join(room, ada, "Ada");
    manualTime.timePasses(CHECKPOINT);
    awaitCheckpointAtLeast(room, 0);
  }

  // ---- delivery: each frame once per edge node; an edge node that went away ----

  @Test
  void roomSendsEachTickOncePerEdgeWhateverItsPlayersThere() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("one-per-edge");
    TestProbe<RoomUpdate> edge = testKit.createTestProbe();
    for (long socket = 1; socket <= 3; socket++) {
      room.tell(new GameRoom.Join("p" + socket, null,
          new GameRoom.Connection(edge.getRef(), socket, StateFormat.JSON)));
      assertEquals(socket, edge.expectMessageClass(RoomUpdate.JoinAccepted.class, REAL_WAIT).socket());
    }
    manualTime.timePasses(TICK);
    RoomUpdate.State frame = edge.expectMessageClass(RoomUpdate.State.class, REAL_WAIT);
    assertEquals(room, frame.room());
    assertEquals(3, WsClient.JSON.readTree(frame.json()).path("players").size());
    assertNull(frame.keyframe(), "nobody there reads compact frames, so none are made");
    edge.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void playersOfAnEdgeThatStoppedStayDisconnected() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("edge-gone");
    TestProbe<RoomUpdate> doomed = testKit.createTestProbe();
    TestProbe<RoomUpdate> survivor = testKit.createTestProbe();
    String ada = join(room, doomed, "Ada").playerId();
    String bob = join(room, survivor, "Bob").playerId();
    doomed.stop();
    survivor.awaitAssert(REAL_WAIT, () -> {
      for (GameRoom.PlayerInfo player : info(room).players()) {
        assertEquals(player.id().equals(bob), player.connected(), player::toString);
      }
      return null;
    });
    assertTrue(info(room).players().stream().anyMatch(player -> player.id().equals(ada)),
        "Ada stays in the room, waiting for a resume");
  }
}
