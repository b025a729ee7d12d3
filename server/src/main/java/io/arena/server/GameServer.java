package io.arena.server;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.http.javadsl.Http;
import com.typesafe.config.Config;
import io.arena.server.config.GameSettings;
import io.arena.server.config.NodeConfig;
import io.arena.server.config.StoreSettings;
import io.arena.server.edge.CloseCodes;
import io.arena.server.edge.EdgeRelay;
import io.arena.server.edge.EdgeServer;
import io.arena.server.edge.EdgeSettings;
import io.arena.server.edge.InputBatcher;
import io.arena.server.edge.PlayerSession;
import io.arena.server.edge.PlayerTokens;
import io.arena.server.edge.QuickJoins;
import io.arena.server.edge.ResumeTokens;
import io.arena.server.edge.Sockets;
import io.arena.server.lobby.DirectorySync;
import io.arena.server.lobby.Listings;
import io.arena.server.lobby.RoomDirectory;
import io.arena.server.metrics.GameMetrics;
import io.arena.server.ops.AdminRoutes;
import io.arena.server.ops.DashboardView;
import io.arena.server.ops.NodeReporter;
import io.arena.server.room.GameCatalog;
import io.arena.server.room.GameRoom;
import io.arena.server.room.LocalRooms;
import io.arena.server.room.RecoveryWarmUp;
import io.arena.server.room.RoomEnvironment;
import io.arena.server.room.RoomInbox;
import io.arena.server.room.RoomQuota;
import io.arena.server.room.RoomRevival;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running node: its actor system and the ports it bound. */
public final class GameServer {
  private static final Logger log = LoggerFactory.getLogger(GameServer.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  /** How long open sockets get to finish when the node stops. */
  private static final Duration SOCKET_DRAIN = Duration.ofSeconds(3);

  /** The bound ports; {@code httpPort} is -1 on a node without the edge role. */
  public record Ports(int httpPort, int adminPort) {}

  private final ActorSystem<Void> system;
  private final Ports ports;

  private GameServer(ActorSystem<Void> system, Ports ports) {
    this.system = system;
    this.ports = ports;
  }

  /** Starts a node: schema, cluster, sharding, then the HTTP bindings. Blocks until bound. */
  public static GameServer start(Config overrides) throws Exception {
    Config config = NodeConfig.load(overrides);
    Config game = config.getConfig("game");
    StoreSettings.fromConfig(game).createSchemaIfMissing();
    CompletableFuture<Ports> bound = new CompletableFuture<>();
    ActorSystem<Void> system = ActorSystem.create(guardian(game, bound), NodeConfig.SYSTEM_NAME, config);
    try {
      return new GameServer(system, bound.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  private static Behavior<Void> guardian(Config game, CompletableFuture<Ports> bound) {
    return Behaviors.setup(ctx -> {
      ActorSystem<Void> system = ctx.getSystem();
      if (game.getString("seed-nodes").isBlank()) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      GameSettings settings = GameSettings.fromConfig(game);
      GameMetrics metrics = new GameMetrics();
      LocalRooms localRooms = new LocalRooms();
      RoomDirectory directory = new RoomDirectory();
      Listings listings = DirectorySync.listings(ctx.spawn(DirectorySync.create(directory), "room-directory"));
      GameCatalog games = GameCatalog.load(settings.games());
      log.info("Games hosted: {}", games.ids());
      GameRoom.init(system, settings, RoomEnvironment.production(metrics,
          new RoomQuota(settings.limits().roomsPerNode()), localRooms, listings, games));
      ctx.spawn(RoomRevival.create(directory), "room-revival");
      if (NodeConfig.roles(game).contains("game")) {
        ctx.spawn(RecoveryWarmUp.create(), "recovery-warm-up");
        ctx.spawn(RoomInbox.create(), RoomInbox.NAME);
      }
      ctx.spawn(NodeReporter.create(localRooms, metrics, Clock.systemUTC(), NodeConfig.roles(game)),
          "dashboard-reporter");
      ActorRef<DashboardView.Command> dashboard = ctx.spawn(DashboardView.create(Clock.systemUTC()),
          "dashboard-view");

      CompletionStage<Integer> httpPort = CompletableFuture.completedFuture(-1);
      if (NodeConfig.roles(game).contains("edge")) {
        httpPort = startEdge(ctx, game, settings, metrics, directory, games);
      }
      AdminRoutes admin = new AdminRoutes(system, metrics, dashboard, game.getString("admin-token"));
      CompletionStage<Integer> adminPort = bind(system, game.getString("admin-bind"),
          game.getInt("admin-port"), admin.route());
      httpPort.thenCombine(adminPort, Ports::new).whenComplete((ports, failure) -> {
        if (failure != null) {
          bound.completeExceptionally(failure);
        } else {
          log.info("Node up: players on port {}, operators on port {}", ports.httpPort(), ports.adminPort());
          bound.complete(ports);
        }
      });
      return Behaviors.empty();
    });
  }

  /**
   * The player port, with this node's relay for what rooms send to its sockets. On a stop it
   * takes no new connections, tells every player to reconnect elsewhere, and gives the sockets a
   * short drain.
   */
  private static CompletionStage<Integer> startEdge(ActorContext<Void> ctx, Config game,
      GameSettings settings, GameMetrics metrics, RoomDirectory directory, GameCatalog games) {
    ActorSystem<Void> system = ctx.getSystem();
    ClusterSharding sharding = ClusterSharding.get(system);
    Sockets sockets = new Sockets();
    EdgeSettings edgeSettings = EdgeSettings.fromConfig(game);
    PlayerSession.Services services = new PlayerSession.Services(
        room -> sharding.entityRefFor(GameRoom.ENTITY_KEY, room),
        ctx.spawn(EdgeRelay.create(sockets), "edge-relay"),
        new ResumeTokens(resumeSecret(game)), playerTokens(game), Clock.systemUTC(), settings,
        metrics, directory, new QuickJoins(directory, RandomGenerator.of("L64X128MixRandom")), games,
        new InputBatcher(system, metrics, edgeSettings.inputWindow()));
    return EdgeServer.start(edgeSettings, sockets, services).thenApply(edge -> {
      CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
      shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "player-port-unbind",
          () -> edge.stopAccepting().thenApply(done -> Done.getInstance()));
      shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "close-player-sockets", () -> {
        edge.closeAll(CloseCodes.SERVICE_RESTART, "server restarting: reconnect and resume");
        return edge.stop(SOCKET_DRAIN).thenApply(done -> Done.getInstance());
      });
      return edge.port();
    });
  }

  /** The operator port: unbinds in service-unbind, then gives open connections a short drain. */
  private static CompletionStage<Integer> bind(ActorSystem<?> system, String host, int port,
      akka.http.javadsl.server.Route route) {
    return Http.get(system).newServerAt(host, port).bind(route).thenApply(binding -> {
      binding.addToCoordinatedShutdown(SOCKET_DRAIN, system);
      return binding.localAddress().getPort();
    });
  }

  private static Optional<PlayerTokens> playerTokens(Config game) {
    String secret = game.getString("auth-secret");
    if (secret.isEmpty()) {
      log.warn("GAME_AUTH_SECRET is not set: guests may join under any name. Set it to require "
          + "a player token (HS256 JWT with sub = player id) on every join.");
      return Optional.empty();
    }
    return Optional.of(new PlayerTokens(secret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC()));
  }

  private static byte[] resumeSecret(Config game) {
    String secret = game.getString("secret");
    if (!secret.isEmpty()) {
      return secret.getBytes(StandardCharsets.UTF_8);
    }
    log.warn("GAME_SECRET is not set: generated a random one. Resume tokens will not survive a "
        + "restart, and other nodes will reject them. Set GAME_SECRET (the same on every node).");
    byte[] generated = new byte[32];
    new SecureRandom().nextBytes(generated);
    return generated;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public int httpPort() {
    return ports.httpPort();
  }

  public int adminPort() {
    return ports.adminPort();
  }

  /** Graceful stop (as on SIGTERM): coordinated shutdown, rooms checkpoint, sockets close. */
  public void stop() throws Exception {
    CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason())
        .toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
