package io.arena.server;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * One per node: what the operator dashboard served by this node shows. Once a second it asks every
 * node's {@link NodeReporter} for a report (a node that does not answer simply misses a beat); it
 * follows the cluster's member events; and from both it keeps a bounded timeline (members joining,
 * going unreachable, downed, removed; shards and rooms starting elsewhere) and one incident per
 * node that went away, with how long each step took. Every node keeps its own, so a page served
 * by a survivor shows the whole incident.
 */
public final class DashboardView extends AbstractBehavior<DashboardView.Command> {
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  static final int TIMELINE_LIMIT = 200;
  static final int INCIDENT_LIMIT = 20;
  /** Rooms that start on one node in one report get one timeline entry each up to this many. */
  private static final int ROOM_ENTRIES_PER_REPORT = 10;

  /** Local to the node: none of these crosses the network. */
  public sealed interface Command {}

  public record GetSnapshot(ActorRef<Snapshot> replyTo) implements Command {}

  private record Poll() implements Command {}

  private record ReportReceived(NodeReport report) implements Command {}

  private record ReportersChanged(Receptionist.Listing listing) implements Command {}

  private record MemberChanged(ClusterEvent.MemberEvent event) implements Command {}

  private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

  /** What the page gets once a second, as JSON. Times are milliseconds since the epoch. */
  public record Snapshot(String self, long atMillis, List<MemberView> members, List<NodeView> nodes,
      Totals totals, List<TimelineEntry> timeline, List<IncidentView> incidents) {}

  public record MemberView(String address, String status, List<String> roles, boolean reachable) {}

  /** A node's latest report, how old it is, and the frames per second its edge sends. */
  public record NodeView(NodeReport report, long reportAgeMillis, double framesPerSecond) {}

  public record Totals(int players, int rooms, double framesPerSecond) {}

  /**
   * {@code kind}: joined, leaving, unreachable, reachable, downed, removed (members), shard, room.
   * {@code room} is set for room entries.
   */
  public record TimelineEntry(long atMillis, String kind, String node, String room, String text) {}

  /**
   * A node that went away ({@code cause} unreachable or left), each step's time (null until it
   * happens), and its rooms: how many it had and how many have started elsewhere since.
   */
  public record IncidentView(String node, String cause, long startedAtMillis, Long downedAtMillis,
      Long removedAtMillis, Long reachableAgainAtMillis, int rooms, int roomsRecovered,
      Long recoveredAtMillis) {}

  private static final class Incident {
    final String node;
    final String cause;
    final long startedAtMillis;
    final int rooms;
    final Set<String> roomsToRecover;
    Long downedAtMillis;
    Long removedAtMillis;
    Long reachableAgainAtMillis;
    int roomsRecovered;
    long lastRecoveredAtMillis;
    Long recoveredAtMillis;

    Incident(String node, String cause, long startedAtMillis, int rooms, Set<String> roomsToRecover) {
      this.node = node;
      this.cause = cause;
      this.startedAtMillis = startedAtMillis;
      this.rooms = rooms;
      this.roomsToRecover = roomsToRecover;
    }

    /** Still following the node itself: it has not been removed nor come back. */
    boolean isOpen() {
      return removedAtMillis == null && reachableAgainAtMillis == null;
    }

    void roomRecovered(String roomId, long startedAtMillis) {
      if (roomsToRecover.remove(roomId)) {
        roomsRecovered++;
        lastRecoveredAtMillis = Math.max(lastRecoveredAtMillis, startedAtMillis);
        if (roomsToRecover.isEmpty()) {
          recoveredAtMillis = lastRecoveredAtMillis;
        }
      }
    }

    IncidentView view() {
      return new IncidentView(node, cause, startedAtMillis, downedAtMillis, removedAtMillis,
          reachableAgainAtMillis, rooms, roomsRecovered, recoveredAtMillis);
    }
  }

  private record NodeSeen(NodeReport latest, NodeReport previous, long receivedAtMillis) {}

  /** Where a room was last seen running, and at which tick. */
  private record RoomSeen(String node, long tick) {}

  public static Behavior<Command> create(Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Poll(), POLL_INTERVAL);
      return new DashboardView(ctx, clock);
    }));
  }

  private final Clock clock;
  private final ActorRef<NodeReport> reportsTo;
  private Set<ActorRef<NodeReporter.Command>> reporters = Set.of();
  private final Map<String, NodeSeen> nodes = new HashMap<>();
  private final Map<String, RoomSeen> roomsSeen = new HashMap<>();
  private final ArrayDeque<TimelineEntry> timeline = new ArrayDeque<>();
  private final ArrayDeque<Incident> incidents = new ArrayDeque<>();

  private DashboardView(ActorContext<Command> ctx, Clock clock) {
    super(ctx);
    this.clock = clock;
    this.reportsTo = ctx.messageAdapter(NodeReport.class, ReportReceived::new);
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(NodeReporter.KEY,
        ctx.messageAdapter(Receptionist.Listing.class, ReportersChanged::new)));
    Cluster cluster = Cluster.get(ctx.getSystem());
    cluster.subscriptions().tell(Subscribe.create(
        ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberChanged::new), ClusterEvent.MemberEvent.class));
    cluster.subscriptions().tell(Subscribe.create(
        ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
        ClusterEvent.ReachabilityEvent.class));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Poll.class, poll -> {
          reporters.forEach(reporter -> reporter.tell(new NodeReporter.Report(reportsTo)));
          return this;
        })
        .onMessage(ReportersChanged.class, changed -> {
          reporters = changed.listing().getServiceInstances(NodeReporter.KEY);
          return this;
        })
        .onMessage(ReportReceived.class, received -> onReport(received.report()))
        .onMessage(MemberChanged.class, changed -> onMemberEvent(changed.event()))
        .onMessage(ReachabilityChanged.class, changed -> onReachabilityEvent(changed.event()))
        .onMessage(GetSnapshot.class, get -> {
          get.replyTo().tell(snapshot());
          return this;
        })
        .build();
  }

  // ---- members ----

  private Behavior<Command> onMemberEvent(ClusterEvent.MemberEvent event) {
    String node = event.member().address().toString();
    if (event instanceof ClusterEvent.MemberUp) {
      record(clock.millis(), "joined", node, null, "joined, Up, roles " + roles(event.member()));
    } else if (event instanceof ClusterEvent.MemberLeft) {
      record(clock.millis(), "leaving", node, null, "is leaving (graceful stop)");
      openIncident(node, "left");
    } else if (event instanceof ClusterEvent.MemberDowned) {
      record(clock.millis(), "downed", node, null, "was downed by the Split Brain Resolver");
      openIncidentOf(node).ifPresent(incident -> incident.downedAtMillis = clock.millis());
    } else if (event instanceof ClusterEvent.MemberRemoved) {
      record(clock.millis(), "removed", node, null, "was removed from the cluster");
      openIncidentOf(node).ifPresent(incident -> incident.removedAtMillis = clock.millis());
      nodes.remove(node);
    }
    return this;
  }

  private Behavior<Command> onReachabilityEvent(ClusterEvent.ReachabilityEvent event) {
    String node = event.member().address().toString();
    if (event instanceof ClusterEvent.UnreachableMember) {
      record(clock.millis(), "unreachable", node, null, "is unreachable (no heartbeats)");
      openIncident(node, "unreachable");
    } else if (event instanceof ClusterEvent.ReachableMember) {
      record(clock.millis(), "reachable", node, null, "is reachable again");
      openIncidentOf(node).ifPresent(incident -> incident.reachableAgainAtMillis = clock.millis());
    }
    return this;
  }

  private static List<String> roles(Member member) {
    return member.getRoles().stream().filter(role -> !role.startsWith("dc-")).sorted().toList();
  }

  /** A node went away: its rooms, as last reported, are expected to start elsewhere. */
  private void openIncident(String node, String cause) {
    if (openIncidentOf(node).isPresent()) {
      return; // unreachable, then leaving (or the reverse): still one incident
    }
    NodeSeen seen = nodes.get(node);
    Set<String> rooms = new HashSet<>();
    int roomCount = 0;
    if (seen != null) {
      seen.latest().listedRooms().forEach(room -> rooms.add(room.id()));
      roomCount = seen.latest().rooms();
    }
    incidents.addLast(new Incident(node, cause, clock.millis(), roomCount, rooms));
    while (incidents.size() > INCIDENT_LIMIT) {
      incidents.removeFirst();
    }
  }

  private Optional<Incident> openIncidentOf(String node) {
    return incidents.stream().filter(incident -> incident.node.equals(node) && incident.isOpen()).findFirst();
  }

  // ---- reports ----

  private Behavior<Command> onReport(NodeReport report) {
    String node = report.address();
    NodeSeen before = nodes.get(node);
    // A node's first report is the baseline: what it already ran is no news.
    if (before != null) {
      Set<String> shardsBefore = new HashSet<>();
      before.latest().shards().forEach(shard -> shardsBefore.add(shard.id()));
      report.shards().stream().filter(shard -> !shardsBefore.contains(shard.id())).forEach(shard ->
          record(clock.millis(), "shard", node, null, "shard " + shard.id() + " started"));
    }
    List<TimelineEntry> roomEntries = new ArrayList<>();
    Set<String> listedNow = new HashSet<>();
    for (NodeReport.RoomReport room : report.listedRooms()) {
      listedNow.add(room.id());
      RoomSeen previous = roomsSeen.put(room.id(), new RoomSeen(node, room.tick()));
      if (previous != null && !previous.node().equals(node)) {
        roomEntries.add(roomMoved(room, node, previous));
        incidents.forEach(incident -> {
          if (incident.node.equals(previous.node())) {
            incident.roomRecovered(room.id(), room.startedAtMillis());
          }
        });
      } else if (previous == null && before != null) {
        roomEntries.add(new TimelineEntry(room.startedAtMillis(), "room", node, room.id(),
            room.restoredTick() < 0 ? "room " + room.id() + " created"
                : "room " + room.id() + " started from its checkpoint at tick " + room.restoredTick()));
      }
    }
    // Rooms this node no longer runs are forgotten, unless another node runs them by now.
    roomsSeen.entrySet().removeIf(seen -> seen.getValue().node().equals(node) && !listedNow.contains(seen.getKey()));
    if (roomEntries.size() <= ROOM_ENTRIES_PER_REPORT) {
      roomEntries.forEach(this::record);
    } else {
      record(clock.millis(), "room", node, null, roomEntries.size() + " rooms started");
    }
    nodes.put(node, new NodeSeen(report, before == null ? null : before.latest(), clock.millis()));
    return this;
  }

  /** A room runs on {@code node} now, last seen on another: how far back did it go? */
  private static TimelineEntry roomMoved(NodeReport.RoomReport room, String node, RoomSeen previous) {
    long ticksBack = previous.tick() - room.restoredTick();
    String text = room.restoredTick() < 0
        ? "room " + room.id() + " started anew (it had no checkpoint)"
        : "room " + room.id() + " recovered at tick " + room.restoredTick() + ", "
            + (ticksBack > 0 ? ticksBack + " ticks back from" : "not behind") + " tick "
            + previous.tick() + " last reported by " + previous.node();
    return new TimelineEntry(room.startedAtMillis(), "room", node, room.id(), text);
  }

  private void record(long atMillis, String kind, String node, String room, String text) {
    record(new TimelineEntry(atMillis, kind, node, room, text));
  }

  private void record(TimelineEntry entry) {
    timeline.addLast(entry);
    while (timeline.size() > TIMELINE_LIMIT) {
      timeline.removeFirst();
    }
  }

  // ---- the page's view ----

  private Snapshot snapshot() {
    long now = clock.millis();
    ClusterEvent.CurrentClusterState state = Cluster.get(getContext().getSystem()).state();
    Set<String> unreachable = new HashSet<>();
    state.getUnreachable().forEach(member -> unreachable.add(member.address().toString()));
    List<MemberView> members = StreamSupport.stream(state.getMembers().spliterator(), false)
        .map(member -> new MemberView(member.address().toString(), member.status().toString(),
            roles(member), !unreachable.contains(member.address().toString())))
        .toList();
    List<NodeView> nodeViews = new ArrayList<>();
    int players = 0;
    int rooms = 0;
    double framesPerSecond = 0;
    for (NodeSeen seen : nodes.values()) {
      NodeView view = new NodeView(seen.latest(), now - seen.receivedAtMillis(), framesPerSecond(seen));
      nodeViews.add(view);
      players += seen.latest().players();
      rooms += seen.latest().rooms();
      framesPerSecond += view.framesPerSecond();
    }
    nodeViews.sort(Comparator.comparing(view -> view.report().address()));
    return new Snapshot(getContext().getSystem().address().toString(), now, members, nodeViews,
        new Totals(players, rooms, framesPerSecond), List.copyOf(timeline),
        incidents.stream().map(Incident::view).toList());
  }

  private static double framesPerSecond(NodeSeen seen) {
    if (seen.previous() == null || seen.latest().atMillis() <= seen.previous().atMillis()) {
      return 0;
    }
    return (seen.latest().framesOut() - seen.previous().framesOut()) * 1000.0
        / (seen.latest().atMillis() - seen.previous().atMillis());
  }
}
