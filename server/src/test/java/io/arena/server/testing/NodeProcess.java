package io.arena.server.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A node as operators run it: {@code java -jar game-server.jar} in its own JVM on loopback,
 * configured only by the environment variables of protocol/README.md section 8. Shared by the
 * server's multi-JVM tests and the load tests (the server's test-jar), so it uses the JDK alone.
 */
public final class NodeProcess implements AutoCloseable {
  /** Every node a test starts signs resume tokens with it, so players can resume on any of them. */
  public static final String SECRET = "test-secret-shared-by-every-test-node";
  /** Netty's leak detector: the nodes run it at paranoid level, and report leaks with the mark. */
  public static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";
  public static final String LEAK_MARK = "LEAK: ";
  /** The actor system's name, part of every cluster address (protocol/README.md section 9). */
  private static final String SYSTEM_NAME = "game";
  private static final Path JAR = projectRoot().resolve(Path.of("server", "target", "game-server.jar"));
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  /** Linux's ephemeral range starts at 32768 unless configured lower; this stays clear of it. */
  private static final int FIRST_PORT = 20000;
  private static final int UNEPHEMERAL_PORTS = 12000;
  /** Each test JVM starts at its own place, so two runs side by side rarely try the same ports. */
  private static final AtomicInteger nextPort =
      new AtomicInteger((int) (ProcessHandle.current().pid() * 97 % UNEPHEMERAL_PORTS));

  private static final int REPORTED_LOG_LINES = 20;

  public final String name;
  public final int httpPort = freePort();
  public final int adminPort = freePort();
  public final int clusterPort = freePort();
  private final Path log;
  private Process process;

  /** The store's variables and any others this node is started with. */
  private final Map<String, String> settings;
  /** Jars beside the server's on the class path (a studio's games), none by default. */
  private List<Path> extraJars = List.of();

  /** Logs go to {@code logDir/name.log}. */
  public NodeProcess(String name, Map<String, String> settings, Path logDir) {
    this.name = name;
    this.settings = Map.copyOf(settings);
    this.log = logDir.resolve(name + ".log");
  }

  /** The variables that put a node on PostgreSQL at {@code dbUrl}. */
  public static Map<String, String> onPostgres(String dbUrl) {
    return Map.of("GAME_STORE", "postgres", "GAME_DB_URL", dbUrl,
        "GAME_DB_USER", Postgres.USER, "GAME_DB_PASSWORD", Postgres.PASSWORD);
  }

  /** The variables that put a node on the embedded store under {@code dataDir}. */
  public static Map<String, String> onH2(Path dataDir) {
    return Map.of("GAME_STORE", "h2", "GAME_DATA_DIR", dataDir.toAbsolutePath().toString());
  }

  /** The node's cluster address, as the operator API names it. */
  public String address() {
    return "akka://" + SYSTEM_NAME + "@127.0.0.1:" + clusterPort;
  }

  /** Where this node logs. */
  public Path logFile() {
    return log;
  }

  /** Where players connect. */
  public String webSocketUrl() {
    return "ws://127.0.0.1:" + httpPort + "/ws";
  }

  /** The project's root folder, from there or from a module's (where tests and Gatling run). */
  public static Path projectRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("server")) ? here : here.getParent();
  }

  /** Starts the node with {@code jars} beside the server's: {@code java -cp server.jar:...}. */
  public NodeProcess withJars(List<Path> jars) {
    this.extraJars = List.copyOf(jars);
    return this;
  }

  public void start(List<NodeProcess> seeds) throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: build it with `mvn -B -q package -DskipTests`");
    }
    Files.createDirectories(log.getParent());
    // A test node lives a minute under a light load: the C2 compiler would spend most of the 2
    // cores' time on code that never gets hot. C1 only: FailoverIT 61 s -> 46 s, TicTacToeFailoverIT
    // 25 s -> 19 s.
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-D" + LEAK_DETECTION_PROPERTY + "=paranoid"));
    if (extraJars.isEmpty()) {
      command.addAll(List.of("-jar", JAR.toString()));
    } else {
      List<String> classPath = new ArrayList<>(List.of(JAR.toString()));
      extraJars.forEach(jar -> classPath.add(jar.toString()));
      command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), "io.arena.server.Main"));
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("GAME_HTTP_PORT", Integer.toString(httpPort));
    env.put("GAME_ADMIN_PORT", Integer.toString(adminPort));
    env.put("GAME_CLUSTER_HOST", "127.0.0.1");
    env.put("GAME_CLUSTER_PORT", Integer.toString(clusterPort));
    env.put("GAME_SEED_NODES", String.join(",",
        seeds.stream().map(seed -> "127.0.0.1:" + seed.clusterPort).toList()));
    env.put("GAME_ROLES", "edge,game");
    env.put("GAME_SECRET", SECRET);
    env.putAll(settings);
    process = builder.start();
  }

  /** Starts this node as a cluster of its own and waits until it is ready. */
  public void startAlone(Duration within) throws Exception {
    start(List.of());
    long deadline = System.nanoTime() + within.toNanos();
    while (!isReady()) {
      if (!isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the node did not become ready within " + within + "\n" + report());
      }
      Thread.sleep(250);
    }
  }

  /** The node's name and whether it runs, is ready, or exited with which code. */
  public String status() {
    return name + " " + (!isAlive() ? "exited with " + process.exitValue()
        : isReady() ? "ready" : "running, not ready");
  }

  /**
   * How the node is doing, with the end of its log: CI keeps only the test output, so a failed
   * start must carry its evidence there.
   */
  public String report() {
    StringBuilder report = new StringBuilder(status() + ", " + log + ":");
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int tailStart = Math.max(0, lines.size() - REPORTED_LOG_LINES);
      // A stack trace can push the error itself out of the tail: name it first, with its cause.
      int firstError = IntStream.range(0, tailStart)
          .filter(i -> lines.get(i).contains(" ERROR ")).findFirst().orElse(tailStart);
      lines.subList(firstError, Math.min(firstError + 2, tailStart))
          .forEach(line -> report.append("\n  | ").append(line));
      report.append(firstError < tailStart ? "\n  | ..." : "");
      lines.subList(tailStart, lines.size()).forEach(line -> report.append("\n  | ").append(line));
    } catch (IOException unreadable) {
      report.append(" unreadable (").append(unreadable.getMessage()).append(')');
    }
    return report.toString();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public boolean isReady() {
    try {
      return process.isAlive() && get("/health/ready").statusCode() == 200;
    } catch (IllegalStateException notListeningYet) {
      return false;
    }
  }

  public HttpResponse<String> get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(name + " did not answer " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** {@code kill -9}: no shutdown hook, no final checkpoint, no goodbye to the cluster. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: coordinated shutdown. Returns the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  /** Stops the node if it runs, and fails if its log reports a leaked Netty buffer. */
  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
    try {
      List<String> leaks = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(line -> line.contains(LEAK_MARK)).toList();
      if (!leaks.isEmpty()) {
        throw new AssertionError(name + " leaked Netty buffers, see " + log + ":\n" + String.join("\n", leaks));
      }
    } catch (IOException unreadable) {
      // a node that never started has no log
    }
  }

  /**
   * A port nobody listens on, below the kernel's ephemeral range. A port from {@code bind(0)} lies
   * inside that range, so until the node binds it, any outgoing connection (a JDBC pool, Artery,
   * an HTTP client) may take it as its local port, and the node then fails to start.
   */
  private static int freePort() {
    for (int tried = 0; tried < UNEPHEMERAL_PORTS; tried++) {
      int port = FIRST_PORT + Math.floorMod(nextPort.getAndIncrement(), UNEPHEMERAL_PORTS);
      try (ServerSocket socket = new ServerSocket()) {
        // The wildcard address clashes with a listener on any address, as the edge binds 0.0.0.0.
        socket.bind(new InetSocketAddress(port));
        return port;
      } catch (IOException inUse) {
        // try the next one
      }
    }
    throw new IllegalStateException("no free port between " + FIRST_PORT + " and "
        + (FIRST_PORT + UNEPHEMERAL_PORTS));
  }
}
