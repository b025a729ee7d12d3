package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arena.server.testing.FaultyGame;
import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A studio's game in a jar of its own, beside the server's on the class path, as
 * docs/writing-a-game.md runs it (`java -cp game-server.jar:my-game.jar io.arena.server.Main`):
 * the node finds it by ServiceLoader, and {@code GAME_GAMES} narrows what it hosts.
 */
class StudioJarIT {
  private static NodeProcess node;

  @BeforeAll
  static void startNodeWithAGameJar() throws Exception {
    Path dir = TestNodes.dataDir("studio-jar");
    Path jar = dir.resolve("my-game.jar");
    String classFile = FaultyGame.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(classFile));
      try (var in = FaultyGame.class.getClassLoader().getResourceAsStream(classFile)) {
        in.transferTo(out);
      }
      out.putNextEntry(new JarEntry("META-INF/services/io.arena.game.GameDefinition"));
      out.write((FaultyGame.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> settings = new HashMap<>(NodeProcess.onH2(dir.resolve("data")));
    settings.put("GAME_GAMES", "arena," + FaultyGame.ID);
    node = new NodeProcess("studio", settings, Path.of("target", "node-logs")).withJars(List.of(jar));
    node.startAlone(Duration.ofSeconds(90));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aGameInAJarBesideTheServersIsHostedAndGameGamesLeavesOutTheRest() throws Exception {
    try (WsClient client = WsClient.connect(node.httpPort)) {
      client.send("{\"type\":\"join\",\"room\":\"studio-1\",\"name\":\"Ada\",\"game\":\"" + FaultyGame.ID + "\"}");
      assertEquals(FaultyGame.ID, client.expect("joined").path("game").asText());
      client.send("{\"type\":\"input\",\"seq\":1,\"fail\":\"none\"}");
      client.nextState(state -> state.path("points").asLong() == 1, Duration.ofSeconds(10));
      client.send("{\"type\":\"leave\"}");
      client.send("{\"type\":\"join\",\"room\":\"studio-2\",\"name\":\"Ada\",\"game\":\"tictactoe\"}");
      assertEquals("unknown_game", client.expectError(), "GAME_GAMES=arena,faulty hosts no tic-tac-toe");
    }
  }
}
