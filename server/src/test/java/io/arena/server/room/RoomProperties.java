package io.arena.server.room;

import static io.arena.server.room.RoomHarness.CAPACITY;
import static io.arena.server.room.RoomHarness.REAL_WAIT;
import static io.arena.server.room.RoomHarness.join;
import static io.arena.server.room.RoomHarness.on;
import static io.arena.server.room.RoomHarness.spawnRoom;
import static io.arena.server.room.RoomHarness.testKit;
import static io.arena.server.room.RoomHarness.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.fasterxml.jackson.databind.JsonNode;
import io.arena.games.arena.Arena;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Arbitrary play against a real room (joins, leaves, inputs with any seq, disconnects, rejoins,
 * ticks) never breaks the game rules in any state frame: positions in the arena, the room within
 * its capacity with its 20 coins, a tick that only moves on, scores and acks that never go back.
 */
class RoomProperties {
  private static final AtomicInteger ROOMS = new AtomicInteger();

  sealed interface Action {}

  record Join(int who) implements Action {}

  record Leave(int who) implements Action {}

  record Steer(int who, long seq, double dx, double dy) implements Action {}

  record Disconnect(int who) implements Action {}

  record Rejoin(int who) implements Action {}

  record Ticks(int count) implements Action {}

  @BeforeContainer
  static void start() {
    RoomHarness.start();
  }

  @AfterContainer
  static void stop() {
    RoomHarness.stop();
  }

  // Each tick waits for its frame in real time: 20 plays of up to 40 steps keep this near 30 s.
  @Property(tries = 20)
  void anyPlayKeepsTheGameRules(@ForAll("plays") List<Action> play) throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("play-" + ROOMS.incrementAndGet());
    try {
      TestProbe<RoomUpdate> observer = testKit.createTestProbe();
      join(room, observer, "observer");
      Players players = new Players(room);
      FrameRules rules = new FrameRules();
      for (Action action : play) {
        if (action instanceof Ticks ticks) {
          for (int i = 0; i < ticks.count(); i++) {
            rules.check(tick(observer));
          }
        } else {
          players.act(action);
        }
      }
    } finally {
      testKit.stop(room);
    }
  }

  /** The players of one play, by number: their ids once joined, and their current sessions. */
  private static final class Players {
    private final ActorRef<GameRoom.Command> room;
    private final Map<Integer, String> ids = new HashMap<>();
    private final Map<Integer, TestProbe<RoomUpdate>> sessions = new HashMap<>();
    private final Set<Integer> attached = new HashSet<>();

    Players(ActorRef<GameRoom.Command> room) {
      this.room = room;
    }

    void act(Action action) {
      if (action instanceof Join join && !attached.contains(join.who())) {
        enter(join.who(), session -> new GameRoom.Join("p" + join.who(), null, session));
      } else if (action instanceof Rejoin rejoin && ids.containsKey(rejoin.who())
          && !attached.contains(rejoin.who())) {
        enter(rejoin.who(), session -> new GameRoom.Rejoin(ids.get(rejoin.who()), session));
      } else if (action instanceof Leave leave && attached.remove(leave.who())) {
        room.tell(new GameRoom.Leave(ids.get(leave.who())));
      } else if (action instanceof Disconnect gone && attached.remove(gone.who())) {
        room.tell(new GameRoom.Disconnect(ids.get(gone.who()), on(sessions.get(gone.who()))));
      } else if (action instanceof Steer steer && attached.contains(steer.who())) {
        room.tell(new GameRoom.ApplyInput(ids.get(steer.who()), steer.seq(), new double[] {steer.dx(), steer.dy()}));
      }
    }

    private void enter(int who, java.util.function.Function<GameRoom.Connection, GameRoom.Command> request) {
      TestProbe<RoomUpdate> session = testKit.createTestProbe();
      room.tell(request.apply(on(session)));
      RoomUpdate answer = session.receiveMessage(REAL_WAIT);
      if (answer instanceof RoomUpdate.JoinAccepted accepted) {
        ids.put(who, accepted.playerId());
        sessions.put(who, session);
        attached.add(who);
      } else {
        assertTrue(answer instanceof RoomUpdate.JoinRefused, () -> "a join is answered: " + answer);
      }
    }
  }

  /** What every state frame must keep to, given the frames before it. */
  private static final class FrameRules {
    private final Map<String, Long> bestScore = new HashMap<>();
    private final Map<String, Long> bestAck = new HashMap<>();
    private long lastTick = -1;

    void check(JsonNode state) {
      long tick = state.path("tick").asLong();
      assertTrue(lastTick < 0 || tick == lastTick + 1, () -> "tick " + lastTick + " then " + tick);
      lastTick = tick;
      assertTrue(state.path("players").size() <= CAPACITY, "the room keeps its capacity");
      assertEquals(Arena.COIN_COUNT, state.path("coins").size());
      for (JsonNode player : state.path("players")) {
        String id = player.path("id").asText();
        double x = player.path("x").asDouble();
        double y = player.path("y").asDouble();
        assertTrue(x >= 0 && x <= Arena.SIZE && y >= 0 && y <= Arena.SIZE, () -> "in the arena: " + player);
        long score = player.path("score").asLong();
        assertTrue(score >= bestScore.getOrDefault(id, 0L), () -> "score of " + id + " went back");
        bestScore.put(id, score);
        long ack = state.path("acks").path(id).asLong();
        assertTrue(ack >= bestAck.getOrDefault(id, 0L), () -> "ack of " + id + " went back");
        bestAck.put(id, ack);
      }
    }
  }

  /**
   * Plays by three players (with the observer, one more than fits): weighted toward steering,
   * ticking and coming back, so that sequences such as steer, leave, rejoin turn up often.
   */
  @Provide
  Arbitrary<List<Action>> plays() {
    Arbitrary<Integer> who = Arbitraries.integers().between(1, 3);
    Arbitrary<Action> action = Arbitraries.frequencyOf(
        Tuple.of(2, who.map(Join::new)),
        Tuple.of(1, who.map(Leave::new)),
        Tuple.of(1, who.map(Disconnect::new)),
        Tuple.of(2, who.map(Rejoin::new)),
        Tuple.of(3, Combinators.combine(who, Arbitraries.longs().between(0, 60),
            Arbitraries.doubles().between(-1, 1), Arbitraries.doubles().between(-1, 1)).as(Steer::new)),
        Tuple.of(3, Arbitraries.integers().between(1, 20).map(Ticks::new)));
    return action.list().ofMinSize(5).ofMaxSize(40);
  }
}
