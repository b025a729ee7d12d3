package io.arena.server.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.arena.server.GameServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Configuration for in-process test nodes: loopback, free ports, small and quick. */
public final class TestNodes {
  /** One checkpoint interval, in ticks, at the defaults test nodes run with (1 s at 20 Hz). */
  public static final long CHECKPOINT_TICKS = 20;

  private static final Set<Path> DATA_DIRS = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestNodes::deleteDataDirs, "delete-test-data"));
  }

  private TestNodes() {}

  /** A new directory for a node's embedded store, deleted when the test JVM exits. */
  public static Path dataDir(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    DATA_DIRS.add(dir);
    return dir;
  }

  private static void deleteDataDirs() {
    for (Path dir : DATA_DIRS) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        System.err.println("could not delete " + dir + ": " + e.getMessage());
      }
    }
  }

  /**
   * Starts a single node on the embedded store, in a new directory named from {@code dataPrefix},
   * with {@code settings} (config lines) over the test defaults.
   */
  public static GameServer startOnH2(String dataPrefix, String... settings) throws Exception {
    return GameServer.start(ConfigFactory.parseString(String.join("\n", settings))
        .withFallback(h2(dataDir(dataPrefix))));
  }

  /** A single node on the embedded store under {@code dataDir}. */
  public static Config h2(Path dataDir) {
    return base().withFallback(ConfigFactory.parseString(
        "game.store = h2\ngame.data-dir = \"" + dataDir.toString().replace("\\", "/") + "\""));
  }

  /** A single node on the PostgreSQL that {@link Postgres} checked, at {@code url}. */
  public static Config postgres(String url) {
    return base().withFallback(ConfigFactory.parseString("game.store = postgres\n"
        + "game.db.url = \"" + url + "\"\n"
        + "game.db.user = \"" + Postgres.USER + "\"\n"
        + "game.db.password = \"" + Postgres.PASSWORD + "\""));
  }

  private static Config base() {
    return ConfigFactory.parseString(String.join("\n",
        "game.http-port = 0",
        "game.http-bind = \"127.0.0.1\"",
        "game.admin-port = 0",
        "game.secret = \"" + NodeProcess.SECRET + "\"",
        "game.seed-nodes = \"\"",
        "game.roles = \"edge,game\"",
        "akka.remote.artery.canonical.hostname = \"127.0.0.1\"",
        "akka.remote.artery.canonical.port = 0",
        "akka.loglevel = WARNING",
        "akka.coordinated-shutdown.exit-jvm = off"));
  }
}
