package io.arena.server;

import com.typesafe.config.Config;
import org.junit.jupiter.api.BeforeAll;

/** The durability guarantees on a real PostgreSQL; fails (never skips) when there is none. */
class PostgresStoreTest extends StoreContractTest {

  @BeforeAll
  static void requirePostgres() {
    Postgres.requireRunning();
  }

  @Override
  Config node() {
    return TestNodes.postgres();
  }
}
