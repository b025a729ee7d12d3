package io.arena.server.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, from the machine's binaries (Debian's postgresql package),
 * in a fresh data folder on a free port: for tests that stop the database itself (an outage the
 * nodes see as their store going away), which must not stop the one other tests share. As root
 * it runs as the {@code postgres} user, since PostgreSQL refuses to run as root.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Path BINARIES = Path.of("/usr/lib/postgresql");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Path bin;
  private final Path data;
  public final int port;

  private LocalPostgres(Path bin, Path data, int port) {
    this.bin = bin;
    this.data = data;
    this.port = port;
  }

  /** Creates and starts the server, with the role and database {@code game} the nodes use. */
  public static LocalPostgres start() throws Exception {
    Path bin = newestBinaries();
    Path data = Files.createTempDirectory("arena-pg-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    LocalPostgres postgres = new LocalPostgres(bin, data, port);
    if (isRoot()) {
      run(List.of("chown", "postgres:postgres", data.toString()));
    }
    postgres.asOwner(bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-U", "postgres",
        "--auth=trust", "-E", "UTF8");
    postgres.startServer();
    postgres.asOwner(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres",
        "-qc", "CREATE ROLE game LOGIN PASSWORD 'game'");
    postgres.asOwner(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres",
        "-qc", "CREATE DATABASE game OWNER game");
    return postgres;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/game";
  }

  /** Starts the server (again), and waits until it takes connections. */
  public void startServer() throws Exception {
    asOwner(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-w", "-t", "30",
        "-l", data.resolve("server.log").toString(),
        "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1", "start");
  }

  /** Stops the server at once, as a crash would: connections drop, nothing is flushed politely. */
  public void stopServer() throws Exception {
    asOwner(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-w", "-m", "immediate", "stop");
  }

  @Override
  public void close() throws Exception {
    try {
      stopServer();
    } catch (AssertionError alreadyStopped) {
      // stopped by the test, or never started
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private void asOwner(String... command) throws Exception {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    run(full);
  }

  private static void run(List<String> command) throws Exception {
    Commands.run(command, Map.of(), COMMAND_TIMEOUT);
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Path newestBinaries() throws IOException {
    if (!Files.isDirectory(BINARIES)) {
      fail("PostgreSQL's binaries are not in " + BINARIES + ": run `bash .ci/postgres`, which installs them");
    }
    try (Stream<Path> versions = Files.list(BINARIES)) {
      return versions.filter(version -> Files.isExecutable(version.resolve("bin/pg_ctl")))
          .max(Comparator.comparing(version -> Integer.parseInt(version.getFileName().toString().split("\\.")[0])))
          .orElseThrow(() -> new AssertionError("no PostgreSQL under " + BINARIES))
          .resolve("bin");
    }
  }
}
