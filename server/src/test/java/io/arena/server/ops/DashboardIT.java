package io.arena.server.ops;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.NodeScript;
import io.arena.server.testing.TestCluster;
import io.arena.server.testing.WsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two pages in a real browser (Debian's Chromium driven by playwright-core, scripts under
 * src/test/browser), against nodes from the shaded jar: the game page played by two players, and
 * the operator dashboard watching a node die. Each saves its screenshot under target/screenshots/;
 * README.md's pictures in docs/ are copies made on purpose, so a test run never changes the tree.
 * Fails, never skips, when Chromium, Node.js or the scripts' node_modules are missing.
 */
class DashboardIT {
  private static final Path SCRIPTS = Path.of("src", "test", "browser");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
  private static final String SCHEMA = "dashboard_it";
  /** Rooms the victim should host; the test creates rooms until a node does (at most MAX_ROOMS). */
  private static final int VICTIM_ROOMS = 2;
  private static final int MAX_ROOMS = 30;
  private static final Duration SCRIPT_READY = Duration.ofSeconds(90);
  private static final Duration SCRIPT_DONE = Duration.ofSeconds(300);

  private final List<WsClient> clients = new ArrayList<>();
  private TestCluster cluster;

  @AfterEach
  void stop() throws Exception {
    clients.forEach(WsClient::close);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void twoPagesQuickPlayIntoOneRoomAndSeeEachOtherMove() throws Exception {
    NodeProcess node = startCluster(1).get(0);
    script("game-page.mjs", "http://127.0.0.1:" + node.httpPort + "/", "browser-it",
        screenshot("game.png")).assertPassed(SCRIPT_DONE);
  }

  @Test
  void dashboardOnASurvivorShowsTheKilledNodeLeaveAndItsRoomsComeBack() throws Exception {
    List<NodeProcess> nodes = startCluster(3);
    NodeProcess watching = nodes.get(1);
    // Consistent hashing may give one node a small share of the shards: the victim is whichever
    // other node is first to host VICTIM_ROOMS rooms.
    Map<NodeProcess, List<String>> roomsOn = new HashMap<>();
    NodeProcess victim = null;
    for (int i = 0; i < MAX_ROOMS && victim == null; i++) {
      String room = "dash-" + i;
      WsClient player = WsClient.connect(watching.httpPort);
      clients.add(player);
      player.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"p" + i + "\"}");
      player.expect("joined");
      NodeProcess owner = cluster.ownerOf(room);
      List<String> rooms = roomsOn.computeIfAbsent(owner, node -> new ArrayList<>());
      rooms.add(room);
      if (owner != watching && rooms.size() == VICTIM_ROOMS) {
        victim = owner;
      }
    }
    assertNotNull(victim, "no node but " + watching.name + " got " + VICTIM_ROOMS + " of "
        + MAX_ROOMS + " rooms: " + roomsOn);
    List<String> victimRooms = roomsOn.get(victim);

    NodeScript dashboard = script("dashboard.mjs", "http://127.0.0.1:" + watching.adminPort + "/",
        victim.address(), String.join(",", victimRooms), screenshot("dashboard.png"));
    dashboard.awaitLine("READY", SCRIPT_READY);
    victim.kill();
    dashboard.assertPassed(SCRIPT_DONE);
  }

  /** Nodes from the jar on an empty schema of this test's own, once the browser is known to be there. */
  private List<NodeProcess> startCluster(int size) throws Exception {
    requireBrowser();
    cluster = TestCluster.start(size, SCHEMA);
    return cluster.nodes;
  }

  private static String screenshot(String file) throws IOException {
    return Files.createDirectories(SCREENSHOTS).resolve(file).toAbsolutePath().toString();
  }

  private static void requireBrowser() {
    String howTo = " Run `bash .ci/browser`: it installs chromium and Node.js when missing and runs"
        + " npm ci in server/" + SCRIPTS + ". Or point CHROMIUM_PATH at a Chromium.";
    if (!Files.isExecutable(CHROMIUM)) {
      fail(CHROMIUM + " is missing: the browser tests need Chromium." + howTo);
    }
    if (!Files.isDirectory(SCRIPTS.resolve("node_modules").resolve("playwright-core"))) {
      fail(SCRIPTS.resolve("node_modules/playwright-core") + " is missing." + howTo);
    }
  }

  /** A browser test script under src/test/browser, with the Chromium to drive. */
  private static NodeScript script(String script, String... args) {
    return NodeScript.start(SCRIPTS, script, Map.of("CHROMIUM_PATH", CHROMIUM.toString()), args);
  }
}
