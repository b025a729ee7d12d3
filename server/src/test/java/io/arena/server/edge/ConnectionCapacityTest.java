package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arena.server.GameServer;
import io.arena.server.testing.RawWebSocket;
import io.arena.server.testing.TestNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A storm of connects (the players of a dead edge coming over) is taken whole, and past
 * {@code GAME_MAX_CONNECTIONS} the node answers 503 rather than hanging or dropping anyone.
 */
class ConnectionCapacityTest {
  private static final int MAX_CONNECTIONS = 300;
  private static final int CONNECTING_AT_ONCE = 32;
  private static GameServer node;

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNodes.startOnH2("arena-capacity", "game.edge.max-connections = " + MAX_CONNECTIONS);
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.stop();
  }

  @Test
  void stormOfConnectsIsTakenWholeAndTheLimitIsAnsweredWith503() throws Exception {
    List<RawWebSocket> sockets = new ArrayList<>();
    ExecutorService connecting = Executors.newFixedThreadPool(CONNECTING_AT_ONCE);
    try {
      // Bounded: MAX_CONNECTIONS connects to this node on loopback, 32 at a time.
      List<Future<RawWebSocket>> opening = new ArrayList<>();
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        opening.add(connecting.submit(() -> RawWebSocket.open(node.httpPort(), 0)));
      }
      for (Future<RawWebSocket> socket : opening) {
        sockets.add(socket.get());
      }
      RawWebSocket.Refused refused = assertThrows(RawWebSocket.Refused.class,
          () -> RawWebSocket.open(node.httpPort(), 0).close());
      assertEquals(503, refused.status);

      // Every one of them is a working socket.
      RawWebSocket last = sockets.get(sockets.size() - 1);
      last.sendText("{\"type\":\"ping\",\"t\":7}");
      assertTrue(last.readText().contains("\"pong\""));

      // A socket that goes makes room for the next.
      sockets.remove(0).close();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (true) {
        try {
          sockets.add(RawWebSocket.open(node.httpPort(), 0));
          break;
        } catch (RawWebSocket.Refused stillFull) {
          assertTrue(System.nanoTime() < deadline, "the closed socket's place was not given back");
          Thread.sleep(50);
        }
      }
    } finally {
      connecting.shutdownNow();
      for (RawWebSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
