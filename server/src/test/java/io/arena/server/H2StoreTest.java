package io.arena.server;

import com.typesafe.config.Config;
import io.arena.server.testing.TestNodes;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/** The durability guarantees on the embedded H2 file store. */
class H2StoreTest extends StoreContractTest {
  private static Path dataDir;

  @BeforeAll
  static void createDataDir() throws Exception {
    dataDir = TestNodes.dataDir("arena-h2");
  }

  @Override
  Config node() {
    return TestNodes.h2(dataDir);
  }
}
