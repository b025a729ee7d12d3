package io.arena.server;

import static io.arena.server.RoomHarness.REAL_WAIT;
import static io.arena.server.RoomHarness.TICK;
import static io.arena.server.RoomHarness.info;
import static io.arena.server.RoomHarness.join;
import static io.arena.server.RoomHarness.manualTime;
import static io.arena.server.RoomHarness.spawnRoom;
import static io.arena.server.RoomHarness.testKit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The room's side of delivery: each frame goes once to each edge node, whatever its players there,
 * and the players of an edge node that went away stay in the room, disconnected.
 */
class RoomDeliveryTest {
  private static final Duration QUIET = Duration.ofMillis(300);

  @BeforeAll
  static void startTestKit() {
    RoomHarness.start();
  }

  @AfterAll
  static void stopTestKit() {
    RoomHarness.stop();
  }

  @Test
  void roomSendsEachTickOncePerEdgeWhateverItsPlayersThere() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("one-per-edge");
    TestProbe<GameRoom.Update> edge = testKit.createTestProbe();
    for (long socket = 1; socket <= 3; socket++) {
      room.tell(new GameRoom.Join("p" + socket, null, new GameRoom.Connection(edge.getRef(), socket)));
      assertEquals(socket, edge.expectMessageClass(GameRoom.JoinAccepted.class, REAL_WAIT).socket());
    }
    manualTime.timePasses(TICK);
    GameRoom.Frame frame = edge.expectMessageClass(GameRoom.Frame.class, REAL_WAIT);
    assertEquals(room, frame.room());
    assertTrue(frame.latestOnly(), "a state frame");
    assertEquals(3, WsClient.JSON.readTree(frame.json()).path("players").size());
    edge.expectNoMessage(QUIET);
  }

  @Test
  void playersOfAnEdgeThatStoppedStayDisconnected() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("edge-gone");
    TestProbe<GameRoom.Update> doomed = testKit.createTestProbe();
    TestProbe<GameRoom.Update> survivor = testKit.createTestProbe();
    String ada = join(room, doomed, "Ada").playerId();
    String bob = join(room, survivor, "Bob").playerId();
    doomed.stop();
    survivor.awaitAssert(REAL_WAIT, () -> {
      for (GameRoom.PlayerInfo player : info(room).players()) {
        assertEquals(player.id().equals(bob), player.connected(), player::toString);
      }
      return null;
    });
    assertFalse(info(room).players().stream().noneMatch(player -> player.id().equals(ada)),
        "Ada stays in the room, waiting for a resume");
  }
}
