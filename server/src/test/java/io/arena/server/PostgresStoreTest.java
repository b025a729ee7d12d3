package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.arena.server.testing.Postgres;
import io.arena.server.testing.TestNodes;
import io.arena.server.testing.WsClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The durability guarantees on a real PostgreSQL; fails (never skips) when there is none. */
class PostgresStoreTest extends StoreContractTest {
  /** Rooms made at once: each recovers its ledger from the store, so they all want a connection. */
  private static final int ROOMS_AT_ONCE = 60;

  private static String dbUrl;

  @BeforeAll
  static void requirePostgres() throws Exception {
    Postgres.requireRunning();
    // Rooms are remembered across restarts: a schema of its own keeps other runs' rooms out.
    dbUrl = Postgres.freshSchema("store_test");
  }

  @Override
  Config node() {
    return TestNodes.postgres(dbUrl);
  }

  /**
   * GAME_DB_MAX_CONNECTIONS (game.db.max-connections) caps a node's connections to PostgreSQL, so
   * that a cluster's nodes together stay under the server's max_connections. With 8 allowed (the
   * default), the same burst opened 3-5 connections in three runs.
   */
  @Test
  void aBurstOfNewRoomsOpensNoMoreConnectionsThanAllowed() throws Exception {
    int allowed = 1;
    String application = "pool_test_" + ProcessHandle.current().pid();
    GameServer server = GameServer.start(ConfigFactory.parseString("game.db.max-connections = " + allowed)
        .withFallback(TestNodes.postgres(dbUrl + "&ApplicationName=" + application)));
    List<WsClient> players = new ArrayList<>();
    try (Connection watcher = DriverManager.getConnection(Postgres.URL, Postgres.USER, Postgres.PASSWORD);
        PreparedStatement count = watcher.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
      count.setString(1, application);
      for (int i = 0; i < ROOMS_AT_ONCE; i++) {
        WsClient player = WsClient.connect(server.httpPort());
        players.add(player);
        player.send("{\"type\":\"join\",\"room\":\"pool-" + i + "\",\"name\":\"p" + i + "\"}");
      }
      int most = 0;
      for (int sample = 0; sample < 300; sample++) { // 3 s of the burst, sampled every 10 ms
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          most = Math.max(most, rows.getInt(1));
        }
        Thread.sleep(10);
      }
      for (WsClient player : players) {
        player.expect("joined");
      }
      int seen = most;
      assertTrue(seen >= 1 && seen <= allowed, () -> seen + " connections open, " + allowed + " allowed");
    } finally {
      for (WsClient player : players) {
        player.close();
      }
      server.stop();
    }
  }
}
