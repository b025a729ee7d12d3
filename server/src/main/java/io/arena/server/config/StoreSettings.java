package io.arena.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** Where rooms are stored: the embedded H2 file store or PostgreSQL, per {@code GAME_STORE}. */
public record StoreSettings(Kind kind, String url, String user, String password) {

  /** Any fixed number, the same on every node: the key of the schema-creation advisory lock. */
  private static final long SCHEMA_LOCK = 0x6172656e61L;

  public enum Kind {
    H2("slick.jdbc.H2Profile$", "org.h2.Driver", "schema/h2.sql"),
    POSTGRES("slick.jdbc.PostgresProfile$", "org.postgresql.Driver", "schema/postgres.sql");

    final String slickProfile;
    final String driver;
    final String ddlResource;

    Kind(String slickProfile, String driver, String ddlResource) {
      this.slickProfile = slickProfile;
      this.driver = driver;
      this.ddlResource = ddlResource;
    }
  }

  public static StoreSettings fromConfig(Config game) {
    String store = game.getString("store").trim().toLowerCase(Locale.ROOT);
    switch (store) {
      case "h2":
        Path dir = Path.of(game.getString("data-dir")).toAbsolutePath().normalize();
        // H2 would close itself in a JVM shutdown hook, under the rooms still writing their final
        // checkpoints on SIGTERM; the node's connection pool closes it when the node has stopped.
        return new StoreSettings(Kind.H2, "jdbc:h2:file:" + dir.resolve("game")
            + ";DATABASE_TO_UPPER=false;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
      case "postgres":
        return new StoreSettings(Kind.POSTGRES, game.getString("db.url"),
            game.getString("db.user"), game.getString("db.password"));
      default:
        throw new IllegalArgumentException("GAME_STORE must be h2 or postgres, was '" + store + "'");
    }
  }

  /** The akka-persistence-jdbc settings that point the journal and snapshots at this store. */
  public Config toAkkaConfig() {
    String prefix = "akka-persistence-jdbc.shared-databases.slick.";
    return ConfigFactory.empty()
        .withValue(prefix + "profile", ConfigValueFactory.fromAnyRef(kind.slickProfile))
        .withValue(prefix + "db.url", ConfigValueFactory.fromAnyRef(url))
        .withValue(prefix + "db.user", ConfigValueFactory.fromAnyRef(user))
        .withValue(prefix + "db.password", ConfigValueFactory.fromAnyRef(password))
        .withValue(prefix + "db.driver", ConfigValueFactory.fromAnyRef(kind.driver));
  }

  /** Creates the journal and snapshot tables if they are missing. Blocking; call before start. */
  public void createSchemaIfMissing() throws IOException, SQLException {
    if (kind == Kind.H2) {
      Files.createDirectories(Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';')))
          .getParent());
    }
    String ddl;
    try (InputStream in = StoreSettings.class.getClassLoader().getResourceAsStream(kind.ddlResource)) {
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      // Nodes starting together would race: concurrent CREATE ... IF NOT EXISTS can still fail
      // in PostgreSQL. A session-level advisory lock makes them take turns.
      if (kind == Kind.POSTGRES) {
        statement.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
      }
      for (String sql : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
  }
}
