package io.arena.server;

import static io.arena.server.RoomHarness.REAL_WAIT;
import static io.arena.server.RoomHarness.TICK;
import static io.arena.server.RoomHarness.manualTime;
import static io.arena.server.RoomHarness.spawnRoom;
import static io.arena.server.RoomHarness.testKit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A room sends each frame once per node, and each node's fanout hands it to its players there. */
class RoomFanoutTest {
  private static final Duration QUIET = Duration.ofMillis(300);
  private static final GameRoom.Frame FRAME = new GameRoom.Frame("{\"type\":\"state\"}", true);

  @BeforeAll
  static void startTestKit() {
    RoomHarness.start();
  }

  @AfterAll
  static void stopTestKit() {
    RoomHarness.stop();
  }

  @Test
  void roomSendsEachTickOncePerNodeWhateverItsPlayersThere() throws Exception {
    ActorRef<GameRoom.Command> room = spawnRoom("one-per-node");
    TestProbe<RoomFanout.Command> node = testKit.createTestProbe();
    for (String name : new String[] {"Ada", "Bob", "Cy"}) {
      TestProbe<GameRoom.Update> player = testKit.createTestProbe();
      room.tell(new GameRoom.Join(name, null, player.getRef(), node.getRef()));
      player.expectMessageClass(GameRoom.JoinAccepted.class, REAL_WAIT);
      node.expectMessageClass(RoomFanout.Attach.class, REAL_WAIT);
    }
    manualTime.timePasses(TICK);
    RoomFanout.Deliver deliver = node.expectMessageClass(RoomFanout.Deliver.class, REAL_WAIT);
    assertEquals(room, deliver.room());
    assertEquals(3, WsClient.JSON.readTree(deliver.frame().json()).path("players").size());
    node.expectNoMessage(QUIET);
  }

  @Test
  void fanoutHandsARoomsFramesToThatRoomsPlayersOnly() {
    ActorRef<RoomFanout.Command> fanout = testKit.spawn(RoomFanout.create(new SocketOutlets()));
    ActorRef<GameRoom.Command> lobby = testKit.<GameRoom.Command>createTestProbe().getRef();
    ActorRef<GameRoom.Command> arena = testKit.<GameRoom.Command>createTestProbe().getRef();
    TestProbe<GameRoom.Update> ada = testKit.createTestProbe();
    TestProbe<GameRoom.Update> bob = testKit.createTestProbe();
    fanout.tell(new RoomFanout.Attach(lobby, ada.getRef()));
    fanout.tell(new RoomFanout.Attach(lobby, bob.getRef()));
    fanout.tell(new RoomFanout.Attach(arena, bob.getRef()));

    fanout.tell(new RoomFanout.Deliver(lobby, FRAME));
    assertEquals(FRAME, ada.receiveMessage(REAL_WAIT));
    assertEquals(FRAME, bob.receiveMessage(REAL_WAIT));

    fanout.tell(new RoomFanout.Detach(lobby, bob.getRef()));
    fanout.tell(new RoomFanout.Deliver(lobby, FRAME));
    assertEquals(FRAME, ada.receiveMessage(REAL_WAIT));
    bob.expectNoMessage(QUIET);

    fanout.tell(new RoomFanout.Deliver(arena, FRAME));
    assertEquals(FRAME, bob.receiveMessage(REAL_WAIT));
    ada.expectNoMessage(QUIET);
  }

  @Test
  void fanoutForgetsARoomThatStopped() {
    ActorRef<RoomFanout.Command> fanout = testKit.spawn(RoomFanout.create(new SocketOutlets()));
    ActorRef<GameRoom.Command> room = testKit.spawn(Behaviors.<GameRoom.Command>receiveMessage(
        msg -> Behaviors.stopped()));
    TestProbe<GameRoom.Update> ada = testKit.createTestProbe();
    fanout.tell(new RoomFanout.Attach(room, ada.getRef()));
    room.tell(new GameRoom.Stop());
    testKit.createTestProbe().expectTerminated(room, REAL_WAIT);
    // The news of the stop reaches the fanout on its own path: soon, but not at once.
    ada.awaitAssert(REAL_WAIT, () -> {
      fanout.tell(new RoomFanout.Deliver(room, FRAME));
      ada.expectNoMessage(QUIET);
      return null;
    });
  }
}
