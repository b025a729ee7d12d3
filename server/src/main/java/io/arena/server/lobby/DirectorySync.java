package io.arena.server.lobby;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.cluster.ddata.Key;
import akka.cluster.ddata.LWWMap;
import akka.cluster.ddata.LWWMapKey;
import akka.cluster.ddata.SelfUniqueAddress;
import akka.cluster.ddata.typed.javadsl.DistributedData;
import akka.cluster.ddata.typed.javadsl.Replicator;
import akka.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One per node: keeps the cluster's list of public rooms, an Akka Distributed Data map from room
 * id to {@link RoomListing}. It writes what this node's rooms publish, batched (one write per
 * {@value #FLUSH_MILLIS} ms at most, to every node at once), follows the replicated map into this
 * node's {@link RoomDirectory}, and drops the listings of a node that left the cluster, so a crash
 * leaves no ghost rooms; the rooms publish again where they recover.
 */
public final class DirectorySync {
  static final Key<LWWMap<String, RoomListing>> KEY = LWWMapKey.create("public-rooms");
  /** Rooms publish on every change; 200 ms batches keep a busy node to 5 writes a second. */
  private static final long FLUSH_MILLIS = 200;
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);

  public sealed interface Command {}

  private record Publish(RoomListing listing) implements Command {}

  private record Withdraw(String room) implements Command {}

  private record Flush() implements Command {}

  private record Written(Replicator.UpdateResponse<LWWMap<String, RoomListing>> response)
      implements Command {}

  private record ListChanged(Replicator.SubscribeResponse<LWWMap<String, RoomListing>> change)
      implements Command {}

  private record NodeRemoved(ClusterEvent.MemberRemoved removed) implements Command {}

  /** How this node's rooms reach the sync: fire and forget. */
  public static Listings listings(ActorRef<Command> sync) {
    return new Listings() {
      @Override
      public void publish(RoomListing listing) {
        sync.tell(new Publish(listing));
      }

      @Override
      public void withdraw(String room) {
        sync.tell(new Withdraw(room));
      }
    };
  }

  public static Behavior<Command> create(RoomDirectory directory) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Flush(), Duration.ofMillis(FLUSH_MILLIS));
      return DistributedData.withReplicatorMessageAdapter(
          (ReplicatorMessageAdapter<Command, LWWMap<String, RoomListing>> replicator) ->
              new DirectorySync(ctx, replicator, directory).behavior());
    }));
  }

  private final ActorContext<Command> ctx;
  private final ReplicatorMessageAdapter<Command, LWWMap<String, RoomListing>> replicator;
  private final RoomDirectory directory;
  private final SelfUniqueAddress self;
  private final String selfAddress;
  /** Changes not yet written: a listing, or null for a withdrawal. */
  private final Map<String, RoomListing> pending = new HashMap<>();

  private DirectorySync(ActorContext<Command> ctx,
      ReplicatorMessageAdapter<Command, LWWMap<String, RoomListing>> replicator, RoomDirectory directory) {
    this.ctx = ctx;
    this.replicator = replicator;
    this.directory = directory;
    this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
    this.selfAddress = ctx.getSystem().address().toString();
    replicator.subscribe(KEY, ListChanged::new);
    Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
        ctx.messageAdapter(ClusterEvent.MemberRemoved.class, NodeRemoved::new), ClusterEvent.MemberRemoved.class));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Publish.class, publish -> {
          pending.put(publish.listing().room(), publish.listing());
          return Behaviors.same();
        })
        .onMessage(Withdraw.class, withdraw -> {
          pending.put(withdraw.room(), null);
          return Behaviors.same();
        })
        .onMessage(Flush.class, flush -> {
          if (!pending.isEmpty()) {
            Map<String, RoomListing> changes = new HashMap<>(pending);
            pending.clear();
            update(map -> apply(map, changes));
          }
          return Behaviors.same();
        })
        .onMessage(NodeRemoved.class, removed -> {
          String node = removed.removed().member().address().toString();
          update(map -> withoutNode(map, node));
          return Behaviors.same();
        })
        .onMessage(ListChanged.class, changed -> {
          if (changed.change() instanceof Replicator.Changed<LWWMap<String, RoomListing>> list) {
            directory.replace(list.get(KEY).getEntries().values());
          }
          return Behaviors.same();
        })
        // A write that timed out still holds here and reaches the rest by gossip.
        .onMessage(Written.class, written -> Behaviors.same())
        .build();
  }

  private void update(Function<LWWMap<String, RoomListing>, LWWMap<String, RoomListing>> change) {
    replicator.askUpdate(
        replyTo -> new Replicator.Update<>(KEY, LWWMap.empty(), new Replicator.WriteAll(WRITE_TIMEOUT), replyTo, change),
        Written::new);
  }

  /**
   * Puts this node's listings and takes back its withdrawals. A withdrawal removes only a listing
   * of this node: the room may already run, and be listed, elsewhere (a hand-off).
   */
  private LWWMap<String, RoomListing> apply(LWWMap<String, RoomListing> map, Map<String, RoomListing> changes) {
    LWWMap<String, RoomListing> updated = map;
    for (Map.Entry<String, RoomListing> change : changes.entrySet()) {
      if (change.getValue() != null) {
        updated = updated.put(self, change.getKey(), change.getValue());
      } else if (isListedBy(updated, change.getKey(), selfAddress)) {
        updated = updated.remove(self, change.getKey());
      }
    }
    return updated;
  }

  private LWWMap<String, RoomListing> withoutNode(LWWMap<String, RoomListing> map, String node) {
    LWWMap<String, RoomListing> updated = map;
    for (Map.Entry<String, RoomListing> entry : map.getEntries().entrySet()) {
      if (entry.getValue().node().equals(node)) {
        updated = updated.remove(self, entry.getKey());
      }
    }
    return updated;
  }

  private static boolean isListedBy(LWWMap<String, RoomListing> map, String room, String node) {
    RoomListing listing = map.getEntries().get(room);
    return listing != null && listing.node().equals(node);
  }
}
