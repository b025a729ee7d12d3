package io.arena.server;

import com.typesafe.config.Config;
import io.arena.server.testing.Postgres;
import io.arena.server.testing.TestNodes;
import org.junit.jupiter.api.BeforeAll;

/** The durability guarantees on a real PostgreSQL; fails (never skips) when there is none. */
class PostgresStoreTest extends StoreContractTest {

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
}
