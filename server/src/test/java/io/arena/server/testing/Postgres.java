package io.arena.server.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL the tests use: GAME_DB_URL / GAME_DB_USER / GAME_DB_PASSWORD, defaulting to what
 * {@code .ci/run} creates. Tests fail, never skip, when it is not there.
 */
public final class Postgres {
  public static final String URL = env("GAME_DB_URL", "jdbc:postgresql://127.0.0.1:5432/game");
  public static final String USER = env("GAME_DB_USER", "game");
  public static final String PASSWORD = env("GAME_DB_PASSWORD", "game");

  private static final Set<String> SCHEMAS_MADE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Postgres::dropSchemasMade, "drop-test-schemas"));
  }

  private Postgres() {}

  /** Fails the calling test, saying how to get a database, unless PostgreSQL answers. */
  public static void requireRunning() {
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
      connection.createStatement().execute("SELECT 1");
    } catch (SQLException e) {
      fail("PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage() + "). "
          + "These tests need a real one: run `bash .ci/run`, which installs and starts it, or "
          + "`apt-get install -y postgresql`, start it, and create the role and database: "
          + "CREATE ROLE game LOGIN PASSWORD 'game'; CREATE DATABASE game OWNER game; "
          + "or point GAME_DB_URL, GAME_DB_USER and GAME_DB_PASSWORD at yours.");
    }
  }

  /**
   * An empty schema of its own in the test database, for tests that need a store with nothing
   * remembered from earlier runs; returns the JDBC URL that uses it. The schema's name carries this
   * JVM's pid, so two builds on one database never empty each other's store mid-test; it is
   * dropped when the JVM exits.
   */
  public static String freshSchema(String name) throws SQLException {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("plain lowercase schema names only: " + name);
    }
    String schema = name + "_" + ProcessHandle.current().pid();
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      connection.createStatement().execute("CREATE SCHEMA " + schema);
    }
    SCHEMAS_MADE.add(schema);
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static void dropSchemasMade() {
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
      // A node left running must not hold up the JVM's exit.
      connection.createStatement().execute("SET lock_timeout = '3s'");
      for (String schema : SCHEMAS_MADE) {
        connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    } catch (SQLException e) {
      System.err.println("could not drop the test schemas " + SCHEMAS_MADE + ": " + e.getMessage());
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
