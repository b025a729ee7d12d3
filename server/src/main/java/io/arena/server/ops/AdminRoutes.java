package io.arena.server.ops;

import akka.NotUsed;
import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.ShardRegion;
import akka.cluster.sharding.typed.GetClusterShardingStats;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.typed.Cluster;
import akka.http.javadsl.marshalling.sse.EventStreamMarshalling;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.sse.ServerSentEvent;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import akka.stream.javadsl.Source;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arena.protocol.Codec;
import io.arena.server.metrics.GameMetrics;
import io.arena.server.room.GameRoom;
import io.arena.server.room.RoomStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;

/**
 * The operator API (protocol/README.md section 9): health, cluster and shard views, rooms, metrics; and the
 * operator dashboard: its page at {@code /} and its data, as one JSON snapshot or a stream of them.
 */
public final class AdminRoutes extends AllDirectives {
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A local ask of this node's own dashboard view: it answers at once unless the node is overloaded. */
  private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(2);

  private final ActorSystem<?> system;
  private final GameMetrics metrics;
  private final ActorRef<DashboardView.Command> dashboard;
  /** The bearer token everything but /health/* requires, as bytes; empty when none is set. */
  private final byte[] adminToken;

  public AdminRoutes(ActorSystem<?> system, GameMetrics metrics, ActorRef<DashboardView.Command> dashboard,
      String adminToken) {
    this.system = system;
    this.metrics = metrics;
    this.dashboard = dashboard;
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
  }

  public Route route() {
    return get(() -> concat(
        path(PathMatchers.segment("health").slash("alive"), () -> complete(StatusCodes.OK, "alive")),
        path(PathMatchers.segment("health").slash("ready"), this::ready),
        // The dashboard page is static and holds no data: it asks for the token itself (see README).
        pathSingleSlash(() -> getFromResource("dashboard/index.html")),
        optionalHeaderValueByName("Authorization", authorization -> parameterOptional("token", token ->
            isAuthorized(authorization, token)
            ? concat(
                path(PathMatchers.segment("admin").slash("dashboard"), () -> onSuccess(snapshot(), this::jsonOk)),
                path(PathMatchers.segment("admin").slash("dashboard").slash("events"), this::snapshotStream),
                path(PathMatchers.segment("admin").slash("cluster"), () -> json(StatusCodes.OK, cluster())),
                path(PathMatchers.segment("admin").slash("shards"), () -> onSuccess(shards(), this::jsonOk)),
                path(PathMatchers.segment("admin").slash("rooms").slash(PathMatchers.segment()), this::room),
                path("metrics", () -> complete(
                    HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, metrics.scrape()))))
            : complete(HttpResponse.create().withStatus(StatusCodes.UNAUTHORIZED)
                .addHeader(HttpHeader.parse("WWW-Authenticate", "Bearer realm=\"arena operator API\""))
                .withEntity("Authorization: Bearer <GAME_ADMIN_TOKEN> required"))))));
  }

  /**
   * The bearer token comes in the Authorization header, or as {@code ?token=} for the dashboard's
   * event stream: browsers' EventSource cannot set headers.
   */
  private boolean isAuthorized(Optional<String> authorization, Optional<String> tokenParameter) {
    if (adminToken.length == 0) {
      return true;
    }
    String presented = authorization.filter(value -> value.startsWith("Bearer "))
        .map(value -> value.substring("Bearer ".length()).trim())
        .or(() -> tokenParameter).orElse("");
    // Constant time: a timing side channel must not reveal the token byte by byte.
    return MessageDigest.isEqual(adminToken, presented.getBytes(StandardCharsets.UTF_8));
  }

  private Route ready() {
    boolean up = Cluster.get(system).selfMember().status().equals(MemberStatus.up());
    return up
        ? complete(StatusCodes.OK, "ready")
        : complete(StatusCodes.SERVICE_UNAVAILABLE, "not an Up cluster member yet");
  }

  private Map<String, Object> cluster() {
    Cluster cluster = Cluster.get(system);
    List<Map<String, Object>> members = new ArrayList<>();
    for (Member member : cluster.state().getMembers()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("address", member.address().toString());
      entry.put("status", member.status().toString());
      entry.put("roles", member.getRoles().stream().filter(role -> !role.startsWith("dc-")).sorted().toList());
      members.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("self", cluster.selfMember().address().toString());
    // The member that moves the others in and out: a cluster stopping as a whole stops it last.
    body.put("leader", Optional.ofNullable(cluster.state().getLeader()).map(Object::toString).orElse(null));
    body.put("members", members);
    body.put("unreachable", StreamSupport.stream(cluster.state().getUnreachable().spliterator(), false)
        .map(member -> member.address().toString()).sorted().toList());
    return body;
  }

  private CompletionStage<Map<String, Object>> shards() {
    CompletionStage<ShardRegion.ClusterShardingStats> stats = AskPattern.ask(
        ClusterSharding.get(system).shardState(),
        replyTo -> new GetClusterShardingStats(GameRoom.ENTITY_KEY, QUERY_TIMEOUT, replyTo),
        QUERY_TIMEOUT.plusSeconds(1), system.scheduler());
    return stats.thenApply(clusterStats -> {
      List<Map<String, Object>> nodes = new ArrayList<>();
      for (Map.Entry<Address, ShardRegion.ShardRegionStats> region : clusterStats.getRegions().entrySet()) {
        // Scala's Int comes through as Object: the values are entity counts.
        Map<String, Object> shardRooms = region.getValue().getStats();
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("address", region.getKey().toString());
        node.put("shards", shardRooms.keySet().stream().sorted().toList());
        node.put("rooms", shardRooms.values().stream().mapToInt(count -> ((Number) count).intValue()).sum());
        nodes.add(node);
      }
      nodes.sort((a, b) -> a.get("address").toString().compareTo(b.get("address").toString()));
      return Map.of("nodes", nodes);
    });
  }

  private CompletionStage<DashboardView.Snapshot> snapshot() {
    return AskPattern.ask(dashboard, DashboardView.GetSnapshot::new, SNAPSHOT_TIMEOUT, system.scheduler());
  }

  /** Server-sent events: one dashboard snapshot a second, for as long as the page stays open. */
  private Route snapshotStream() {
    Source<ServerSentEvent, NotUsed> events = Source.tick(Duration.ZERO, DashboardView.POLL_INTERVAL, "tick")
        // A snapshot that does not come in time completes with null, which mapAsync skips.
        .mapAsync(1, tick -> snapshot().exceptionally(failure -> null))
        .map(snapshot -> ServerSentEvent.create(JSON.writeValueAsString(snapshot)))
        .mapMaterializedValue(cancellable -> NotUsed.getInstance());
    return completeOK(events, EventStreamMarshalling.toEventStream());
  }

  private Route room(String roomId) {
    if (!Codec.isValidRoomId(roomId)) {
      return json(StatusCodes.NOT_FOUND, Map.of("error", "not a room id"));
    }
    // A room whose node went away does not answer until the cluster has moved its shard and the
    // room has recovered (7-12 s after a kill -9): that is "not answering yet", not "no such room".
    CompletionStage<Optional<GameRoom.RoomInfo>> info = ClusterSharding.get(system)
        .entityRefFor(GameRoom.ENTITY_KEY, roomId)
        .ask(GameRoom.GetInfo::new, QUERY_TIMEOUT)
        .thenApply(Optional::of)
        .exceptionally(noAnswer -> Optional.empty());
    return onSuccess(info, answer -> {
      if (answer.isEmpty()) {
        return json(StatusCodes.SERVICE_UNAVAILABLE, Map.of("error", "room " + roomId + " did not answer within "
            + QUERY_TIMEOUT.toSeconds() + " s: it is starting, or recovering after its node went away; ask again"));
      }
      GameRoom.RoomInfo room = answer.get();
      if (!room.exists()) {
        return json(StatusCodes.NOT_FOUND, Map.of("error", "no room " + roomId));
      }
      RoomStatus status = room.status();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("room", status.id());
      body.put("node", room.node());
      body.put("game", room.game());
      body.put("tick", status.tick());
      body.put("players", room.players());
      Map<String, Object> checkpoint = new LinkedHashMap<>();
      checkpoint.put("tick", status.checkpointTick() < 0 ? null : status.checkpointTick());
      checkpoint.put("at", status.checkpointTick() < 0 ? null
          : Instant.ofEpochMilli(status.checkpointAtMillis()).toString());
      body.put("lastCheckpoint", checkpoint);
      return json(StatusCodes.OK, body);
    });
  }

  private Route jsonOk(Object body) {
    return json(StatusCodes.OK, body);
  }

  private Route json(StatusCode status, Object body) {
    try {
      return complete(status, HttpEntities.create(ContentTypes.APPLICATION_JSON, JSON.writeValueAsString(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps, lists and records always serialize", e);
    }
  }
}
