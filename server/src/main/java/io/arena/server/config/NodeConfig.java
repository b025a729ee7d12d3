package io.arena.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Assembles a node's configuration: {@code application.conf} (with its {@code ${?GAME_*}}
 * overrides) under the caller's overrides, plus what the game settings imply for Akka: the store
 * behind akka-persistence-jdbc, the cluster roles and the seed nodes.
 */
public final class NodeConfig {
  public static final String SYSTEM_NAME = "game";

  private NodeConfig() {}

  public static Config load(Config overrides) {
    Config game = overrides.withFallback(ConfigFactory.defaultApplication())
        .resolve().getConfig("game");
    Config derived = StoreSettings.fromConfig(game).toAkkaConfig()
        .withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(roles(game)))
        .withValue("akka.cluster.seed-nodes", ConfigValueFactory.fromIterable(seedNodes(game)));
    return ConfigFactory.load(overrides.withFallback(derived).withFallback(ConfigFactory.defaultApplication()));
  }

  public static List<String> roles(Config game) {
    List<String> roles = split(game.getString("roles"));
    for (String role : roles) {
      if (!role.equals("edge") && !role.equals("game")) {
        throw new IllegalArgumentException("GAME_ROLES may name edge and game, not '" + role + "'");
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("GAME_ROLES must name edge, game or both");
    }
    return roles;
  }

  /** {@code host:port} entries as Akka addresses; empty means this node founds its own cluster. */
  static List<String> seedNodes(Config game) {
    return split(game.getString("seed-nodes")).stream()
        .map(hostPort -> {
          if (!hostPort.matches("[^:/@\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("GAME_SEED_NODES entries are host:port, not '" + hostPort + "'");
          }
          return "akka://" + SYSTEM_NAME + "@" + hostPort;
        })
        .toList();
  }

  private static List<String> split(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
