package io.arena.loadtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A node of the run's own, for a self-contained run such as CI's smoke test ({@code -DlocalNode=true}):
 * the shaded jar in its own JVM on loopback, on free ports, on the embedded store.
 */
final class LocalNode implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Process process;
  private final int httpPort;

  private LocalNode(Process process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  static Optional<LocalNode> startIfAsked() {
    return Boolean.getBoolean("localNode") ? Optional.of(start()) : Optional.empty();
  }

  String webSocketUrl() {
    return "ws://127.0.0.1:" + httpPort + "/ws";
  }

  private static LocalNode start() {
    try {
      Path root = projectRoot();
      Path jar = root.resolve("server/target/game-server.jar");
      if (!Files.exists(jar)) {
        throw new IllegalStateException(jar + " is missing: build it with `mvn -B -q package -DskipTests`");
      }
      Path dir = Files.createDirectories(root.resolve("loadtest/target/local-node"));
      int httpPort = freePort();
      int adminPort = freePort();
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
          jar.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("node.log").toFile());
      builder.environment().putAll(Map.of(
          "GAME_HTTP_PORT", Integer.toString(httpPort),
          "GAME_ADMIN_PORT", Integer.toString(adminPort),
          "GAME_CLUSTER_PORT", Integer.toString(freePort()),
          "GAME_STORE", "h2",
          "GAME_DATA_DIR", Files.createTempDirectory(dir, "data-").toString(),
          "GAME_SECRET", "local-load-test-secret-of-32-bytes!"));
      LocalNode node = new LocalNode(builder.start(), httpPort);
      node.awaitReady(adminPort, dir.resolve("node.log"));
      return node;
    } catch (IOException e) {
      throw new IllegalStateException("could not start a local node", e);
    }
  }

  private void awaitReady(int adminPort, Path log) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + adminPort + "/health/ready")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // keep waiting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(Duration.ofMillis(250));
    }
    close();
    throw new IllegalStateException("the local node did not get ready within " + STARTUP + "; see " + log);
  }

  /** The project's root folder, from there or from loadtest/ (where Gatling's JVM runs). */
  static Path projectRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("server")) ? here : here.getParent();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
