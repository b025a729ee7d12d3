package io.arena.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL the tests use: GAME_DB_URL / GAME_DB_USER / GAME_DB_PASSWORD, defaulting to what
 * {@code .ci/run} creates. Tests fail, never skip, when it is not there.
 */
final class Postgres {
  static final String URL = env("GAME_DB_URL", "jdbc:postgresql://127.0.0.1:5432/game");
  static final String USER = env("GAME_DB_USER", "game");
  static final String PASSWORD = env("GAME_DB_PASSWORD", "game");

  private Postgres() {}

  /** Fails the calling test, saying how to get a database, unless PostgreSQL answers. */
  static void requireRunning() {
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
   * An empty schema of its own in the test database, dropped and made anew, for tests that need a
   * store with nothing remembered from earlier runs; returns the JDBC URL that uses it.
   */
  static String freshSchema(String schema) throws SQLException {
    if (!schema.matches("[a-z_]+")) {
      throw new IllegalArgumentException("plain lowercase schema names only: " + schema);
    }
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      connection.createStatement().execute("CREATE SCHEMA " + schema);
    }
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
