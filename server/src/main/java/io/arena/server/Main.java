package io.arena.server;

import com.typesafe.config.ConfigFactory;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar game-server.jar}: one node, configured by the environment variables of
 * protocol/README.md section 8.
 */
public final class Main {
  private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
  private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

  private Main() {}

  public static void main(String[] args) {
    // Akka's Java ask hands its reply to a Scala-made CompletableFuture that runs every callback
    // "async" on the common pool. Below three cores that pool has one thread, and the JDK then
    // starts a new thread per callback instead: seventy a second at 500 players, one per durable
    // write. Two threads avoid it. Only effective before anything touches the pool.
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM,
          Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
    }
    // Netty's default leak detection samples one buffer in 128 with a stack trace: about 1000
    // stack traces a second at 1000 players, 1.2% of the node's CPU in perf. The tests run it at
    // paranoid level and fail on any leak; an operator can turn it back on with the property.
    if (System.getProperty(LEAK_DETECTION) == null) {
      System.setProperty(LEAK_DETECTION, "disabled");
    }
    try {
      // SIGTERM runs coordinated shutdown (rooms checkpoint, shards hand off), then the JVM exits.
      GameServer.start(ConfigFactory.parseString("akka.coordinated-shutdown.exit-jvm = on"));
    } catch (Exception e) {
      LoggerFactory.getLogger(Main.class).error("Node failed to start", e);
      System.exit(1);
    }
  }
}
