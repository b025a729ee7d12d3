package io.arena.server;

import static org.junit.jupiter.api.Assertions.fail;

import io.arena.server.testing.Commands;
import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.NodeScript;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.yml on a real Docker engine, the way docker/host-network.sh runs it where
 * containers get the host's network: the image the real Dockerfile builds, PostgreSQL, three game
 * nodes, an edge and HAProxy. protocol/js/test/live/compose-cluster.mjs plays through HAProxy; this
 * test {@code docker kill}s the node that hosts the most rooms, then {@code docker stop}s another
 * node with rooms, when the script asks. Needs a running engine and the stand-in base images
 * ({@code bash .ci/docker} provides both).
 */
class ComposeClusterIT {
  private static final Path DOCKER = NodeProcess.projectRoot().resolve("docker");
  private static final Path LIVE = NodeProcess.projectRoot().resolve("protocol/js/test/live");
  // The addresses docker/host-network.yml gives the balancer and the game nodes.
  private static final String BALANCER = "127.0.10.30:8080";
  private static final List<String> ADMINS =
      List.of("http://127.0.10.1:8558", "http://127.0.10.2:8558", "http://127.0.10.3:8558");
  private static final Map<String, String> ENV = Map.of(
      // Debian's docker client (package docker.io) first: it builds with BuildKit, where a newer
      // client without the buildx plugin fails.
      "PATH", "/usr/bin:" + System.getenv("PATH"),
      // Apart from a cluster someone runs from docker/ by hand (project "arena").
      "COMPOSE_PROJECT_NAME", "arena-it");
  private static final Duration STEP = Duration.ofSeconds(120);

  @BeforeAll
  static void up() throws Exception {
    run(Duration.ofSeconds(30), "docker", "info");
    // The image: the first build here downloads Maven's world (~1.5 min), later ones reuse it.
    compose(Duration.ofMinutes(15), "build");
    compose(Duration.ofMinutes(3), "up", "-d");
    awaitReady(Duration.ofMinutes(3));
  }

  @AfterAll
  static void down() throws Exception {
    Path log = NodeProcess.projectRoot().resolve("server/target/compose-cluster-it.log");
    Files.writeString(log, compose(Duration.ofMinutes(1), "logs", "--no-color", "--timestamps"));
    compose(Duration.ofMinutes(2), "down", "-v", "--timeout", "10");
  }

  @Test
  void playersThroughHaproxyKeepTheirRoomsAndScoresWhenANodeContainerIsKilledAndAnotherStopped() throws Exception {
    List<String> args = new ArrayList<>(List.of("ws://" + BALANCER));
    args.addAll(ADMINS);
    NodeScript script = NodeScript.start(LIVE, "compose-cluster.mjs", Map.of(), args.toArray(String[]::new));
    String killed = script.awaitLineStartingWith("KILL ", STEP);
    run(STEP, "docker", "kill", containerOf(killed));
    script.say("KILLED");
    String stopped = script.awaitLineStartingWith("STOP ", STEP);
    run(STEP, "docker", "stop", containerOf(stopped));
    script.say("STOPPED");
    script.assertPassed(Duration.ofSeconds(360));
  }

  private static String containerOf(String service) throws Exception {
    return compose(Duration.ofSeconds(30), "ps", "-q", service).strip();
  }

  /** Every game node and the edge report ready, and the balancer serves the game page. */
  private static void awaitReady(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<String> probes = Stream.concat(ADMINS.stream().map(admin -> admin + "/health/ready"),
        Stream.of("http://127.0.10.11:8558/health/ready", "http://" + BALANCER + "/")).toList();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String probe : probes) {
      while (status(http, probe) != 200) {
        if (System.nanoTime() > deadline) {
          fail(probe + " did not answer 200 within " + timeout + "; containers:\n" + compose(STEP, "ps"));
        }
        Thread.sleep(1_000);
      }
    }
  }

  private static int status(HttpClient http, String url) throws InterruptedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String compose(Duration timeout, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", DOCKER.resolve("host-network.sh").toString()));
    command.addAll(List.of(args));
    return Commands.run(command, ENV, timeout);
  }

  private static String run(Duration timeout, String... command) throws Exception {
    return Commands.run(List.of(command), ENV, timeout);
  }
}
