package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stopping node tells its players to reconnect: close code 1012 with a reason, on every socket. */
class GracefulStopTest {

  @Test
  void stoppingNodeClosesEverySocketWithServiceRestart() throws Exception {
    GameServer server = TestNodes.startOnH2("arena-stop", "game.edge.keep-alive = 300ms");
    try (WsClient player = WsClient.connect(server.httpPort());
        WsClient bystander = WsClient.connect(server.httpPort())) {
      player.send("{\"type\":\"join\",\"room\":\"closing\",\"name\":\"Ada\"}");
      player.expect("joined");
      player.nextState();

      // The rebuilt socket stack keeps Akka HTTP's keep-alive: an idle socket gets pings.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (bystander.pings() == 0) {
        assertTrue(System.nanoTime() < deadline, "no keep-alive ping reached an idle socket");
        Thread.sleep(50);
      }

      server.stop();
      for (WsClient client : List.of(player, bystander)) {
        JsonNode closed = client.awaitClose(Duration.ofSeconds(10));
        assertEquals(1012, closed.path("code").asInt(), () -> "closed with " + closed);
        assertEquals("server restarting: reconnect and resume", closed.path("reason").asText());
      }
    }
  }
}
