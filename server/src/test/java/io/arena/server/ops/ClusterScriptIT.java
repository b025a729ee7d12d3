package io.arena.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.server.testing.Commands;
import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.Postgres;
import io.arena.server.testing.WsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * server/cluster.sh as an operator runs it (docs/operations.md), on the ports it uses (node K:
 * players 8079+K, operators 8557+K) and a PostgreSQL schema of its own: {@code start} returns with
 * the members table; {@code room} right after a kill -9 says the room is not answering yet and
 * then where it recovered; {@code restart} keeps the killed node's log; {@code down} returns once
 * every node has exited, without the 10 s timeout of a leader left waiting.
 */
class ClusterScriptIT {
  private static final Path SCRIPT = NodeProcess.projectRoot().resolve("server/cluster.sh");
  private static final Path STATE = NodeProcess.projectRoot().resolve("server/target/cluster");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
  private static final int MAX_ROOMS = 40;
  private static final Pattern MEMBER_UP = Pattern.compile("akka://game@127\\.0\\.0\\.1:2552[01] +Up");

  private final List<WsClient> clients = new ArrayList<>();
  private String dbUrl;

  @AfterEach
  void stopEverything() throws Exception {
    clients.forEach(WsClient::close);
    for (int k = 1; k <= 2; k++) {
      Path pidFile = STATE.resolve("node" + k + ".pid");
      if (Files.exists(pidFile)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  @Test
  void startReturnsRoomSaysRecoveringRestartKeepsTheLogAndDownWaitsForEveryNode() throws Exception {
    Postgres.requireRunning();
    dbUrl = Postgres.freshSchema("cluster_sh_it");
    for (int k = 1; k <= 2; k++) {
      Files.deleteIfExists(STATE.resolve("node" + k + ".log"));
    }

    String started = run("start", "2");
    assertTrue(started.contains("members (as seen by"), started);
    assertEquals(2, MEMBER_UP.matcher(started).results().count(), started);

    // Two nodes split one and one: keep-majority keeps the lowest address (node1), so the room
    // to follow is one that node2 hosts.
    String room = roomOnNode2();
    assertTrue(run("kill", "2").contains("node2 killed"));
    String lookup = run("room", room);
    assertTrue(lookup.contains("room " + room + " is not answering yet"), lookup);
    assertTrue(lookup.contains("room " + room + " is on node1"), lookup);

    run("restart", "2");
    String log = Files.readString(STATE.resolve("node2.log"), StandardCharsets.UTF_8);
    assertEquals(2, Pattern.compile("==== node2 starting").matcher(log).results().count(), "node2.log:\n" + log);
    assertEquals(2, Pattern.compile("Node up: players on port 8081").matcher(log).results().count(),
        "the killed run's lines must stay in node2.log");

    long before = System.nanoTime();
    String down = run("down");
    long tookMillis = (System.nanoTime() - before) / 1_000_000;
    assertTrue(down.contains("every node has exited"), down);
    for (int k = 1; k <= 2; k++) {
      long pid = Long.parseLong(Files.readString(STATE.resolve("node" + k + ".pid")).trim());
      assertTrue(ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true), "node" + k + " still runs");
      String nodeLog = Files.readString(STATE.resolve("node" + k + ".log"), StandardCharsets.UTF_8);
      assertTrue(!nodeLog.contains("timed out after"), "node" + k + " timed out leaving:\n" + nodeLog);
    }
    System.out.println("cluster.sh down took " + tookMillis + " ms");
  }

  /** Joins rooms through node1 until one is hosted by node2; its player stays connected. */
  private String roomOnNode2() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < MAX_ROOMS; i++) {
      String room = "script-" + i;
      WsClient player = WsClient.connect(8080);
      clients.add(player);
      player.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"p" + i + "\"}");
      player.expect("joined");
      HttpResponse<String> info = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:8558/admin/rooms/" + room)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode node = WsClient.JSON.readTree(info.body()).path("node");
      if (node.asText().endsWith(":25521")) {
        return room;
      }
    }
    throw new AssertionError("node2 hosts none of " + MAX_ROOMS + " rooms");
  }

  /** {@code cluster.sh args...}: its output; fails unless it exits 0 within the timeout. */
  private String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    String output = Commands.run(command, Map.of("GAME_DB_URL", dbUrl), COMMAND_TIMEOUT);
    System.out.println("cluster.sh " + String.join(" ", args) + ":\n" + output);
    return output;
  }
}
