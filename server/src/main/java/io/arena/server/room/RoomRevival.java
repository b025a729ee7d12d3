package io.arena.server.room;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import io.arena.server.lobby.RoomDirectory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One per node: brings the listed rooms of a node that died back by themselves, as Akka's
 * remembered entities would, without their store (a write the shard waits on for every room
 * start and stop, which stops the shard with every room in it when the database is down). When a
 * member turns unreachable it notes the rooms the room list says run there; once the member is
 * removed (its shards may move), it wakes each through sharding, which starts it on its new
 * home. Rooms that players re-attach to start anyway; a second start is a no-op. Private rooms and
 * rooms without players are not listed: they come back with their first player.
 */
public final class RoomRevival {
  private sealed interface Event {}

  private record Reachability(ClusterEvent.ReachabilityEvent event) implements Event {}

  private record Removed(ClusterEvent.MemberRemoved event) implements Event {}

  private RoomRevival() {}

  /** Its messages are its own (cluster events): nothing else talks to it. */
  public static Behavior<?> create(RoomDirectory directory) {
    return Behaviors.<Event>setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(
          ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, Reachability::new), ClusterEvent.ReachabilityEvent.class));
      cluster.subscriptions().tell(Subscribe.create(
          ctx.messageAdapter(ClusterEvent.MemberRemoved.class, Removed::new), ClusterEvent.MemberRemoved.class));
      ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
      // Noted at unreachable: by the time the member is removed, the list has dropped its rooms.
      Map<String, List<String>> roomsOfLostNodes = new HashMap<>();
      return Behaviors.receive(Event.class)
          .onMessage(Reachability.class, changed -> {
            String node = changed.event().member().address().toString();
            if (changed.event() instanceof ClusterEvent.UnreachableMember) {
              roomsOfLostNodes.put(node, directory.roomsOn(node));
            } else {
              roomsOfLostNodes.remove(node);
            }
            return Behaviors.same();
          })
          .onMessage(Removed.class, removed -> {
            String node = removed.event().member().address().toString();
            List<String> rooms = roomsOfLostNodes.remove(node);
            if (rooms != null && !rooms.isEmpty()) {
              ctx.getLog().info("Waking {} rooms of {}, which went away", rooms.size(), node);
              rooms.forEach(room -> sharding.entityRefFor(GameRoom.ENTITY_KEY, room).tell(new GameRoom.Wake()));
            }
            return Behaviors.same();
          })
          .build();
    });
  }
}
