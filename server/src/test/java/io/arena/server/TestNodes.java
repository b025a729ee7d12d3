package io.arena.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;

/** Configuration for in-process test nodes: loopback, free ports, small and quick. */
final class TestNodes {
  static final String SECRET = "test-secret-shared-by-every-test-node";

  private TestNodes() {}

  /** A single node on the embedded store under {@code dataDir}. */
  static Config h2(Path dataDir) {
    return base().withFallback(ConfigFactory.parseString(
        "game.store = h2\ngame.data-dir = \"" + dataDir.toString().replace("\\", "/") + "\""));
  }

  /** A single node on the PostgreSQL that {@link Postgres} checked, at {@code url}. */
  static Config postgres(String url) {
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
        "game.secret = \"" + SECRET + "\"",
        "game.seed-nodes = \"\"",
        "game.roles = \"edge,game\"",
        "akka.remote.artery.canonical.hostname = \"127.0.0.1\"",
        "akka.remote.artery.canonical.port = 0",
        "akka.loglevel = WARNING",
        "akka.coordinated-shutdown.exit-jvm = off"));
  }
}
