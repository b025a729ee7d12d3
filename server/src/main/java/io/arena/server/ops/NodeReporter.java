package io.arena.server.ops;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import akka.cluster.sharding.ShardRegion;
import akka.cluster.sharding.typed.GetShardRegionState;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import io.arena.server.config.CborSerializable;
import io.arena.server.metrics.GameMetrics;
import io.arena.server.room.GameRoom;
import io.arena.server.room.LocalRooms;
import io.arena.server.room.RoomStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One per node: answers the dashboards of every node with this node's {@link NodeReport}, built
 * from the local shard region's state and the statuses the rooms keep in {@link LocalRooms}.
 */
public final class NodeReporter {
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "dashboard-node-reporter");
  /** Rooms listed by name per report; the counts always cover all rooms. */
  static final int MAX_LISTED_ROOMS = 200;
  private static final Duration SHARD_STATE_TIMEOUT = Duration.ofMillis(800);

  public sealed interface Command extends CborSerializable {}

  /** Asks for this node's report, to be sent to {@code replyTo}. */
  public record Report(ActorRef<NodeReport> replyTo) implements Command {}

  /** The local shard region answered (or not: {@code shards} is then empty). */
  private record ShardsSeen(Set<ShardRegion.ShardState> shards, ActorRef<NodeReport> replyTo)
      implements Command {}

  private NodeReporter() {}

  public static Behavior<Command> create(LocalRooms localRooms, GameMetrics metrics, Clock clock,
      List<String> roles) {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
      boolean hostsRooms = roles.contains("game");
      String address = ctx.getSystem().address().toString();
      return Behaviors.receive(Command.class)
          .onMessage(Report.class, report -> {
            if (hostsRooms) {
              askLocalShards(ctx, report.replyTo());
            } else {
              report.replyTo().tell(build(address, roles, Set.of(), localRooms, metrics, clock));
            }
            return Behaviors.same();
          })
          .onMessage(ShardsSeen.class, seen -> {
            seen.replyTo().tell(build(address, roles, seen.shards(), localRooms, metrics, clock));
            return Behaviors.same();
          })
          .build();
    });
  }

  private static void askLocalShards(ActorContext<Command> ctx, ActorRef<NodeReport> replyTo) {
    ctx.ask(ShardRegion.CurrentShardRegionState.class,
        ClusterSharding.get(ctx.getSystem()).shardState(), SHARD_STATE_TIMEOUT,
        stateTo -> new GetShardRegionState(GameRoom.ENTITY_KEY, stateTo),
        (state, failure) -> new ShardsSeen(state == null ? Set.of() : state.getShards(), replyTo));
  }

  private static NodeReport build(String address, List<String> roles,
      Set<ShardRegion.ShardState> shardStates, LocalRooms localRooms, GameMetrics metrics, Clock clock) {
    List<NodeReport.ShardReport> shards = new ArrayList<>(shardStates.size());
    List<RoomStatus> rooms = new ArrayList<>();
    int players = 0;
    for (ShardRegion.ShardState shard : shardStates) {
      int running = 0;
      for (String roomId : shard.getEntityIds()) {
        RoomStatus room = localRooms.get(roomId);
        if (room != null) { // null: still recovering, or just stopped
          running++;
          players += room.players();
          rooms.add(room);
        }
      }
      shards.add(new NodeReport.ShardReport(shard.shardId(), running));
    }
    // Shard ids are numbers: shorter first sorts them numerically.
    shards.sort(Comparator.comparingInt((NodeReport.ShardReport shard) -> shard.id().length())
        .thenComparing(NodeReport.ShardReport::id));
    int roomCount = rooms.size();
    rooms.sort(Comparator.comparingInt(RoomStatus::players).reversed()
        .thenComparing(RoomStatus::id));
    List<RoomStatus> listed = List.copyOf(rooms.subList(0, Math.min(roomCount, MAX_LISTED_ROOMS)));
    return new NodeReport(address, roles, clock.millis(), (long) metrics.framesOut.get(), roomCount,
        players, shards, listed);
  }
}
