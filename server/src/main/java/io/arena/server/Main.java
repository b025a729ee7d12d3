package io.arena.server;

import com.typesafe.config.ConfigFactory;
import org.slf4j.LoggerFactory;

/** {@code java -jar game-server.jar}: one node, configured by the CONTRACT section 4 variables. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    try {
      // SIGTERM runs coordinated shutdown (rooms checkpoint, shards hand off), then the JVM exits.
      GameServer.start(ConfigFactory.parseString("akka.coordinated-shutdown.exit-jvm = on"));
    } catch (Exception e) {
      LoggerFactory.getLogger(Main.class).error("Node failed to start", e);
      System.exit(1);
    }
  }
}
