package io.arena.server.ops;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * One per node: what the operator dashboard served by this node shows. Once a second, on the
 * second of the wall clock, it asks every node's {@link NodeReporter} for a report (a node that
 * does not answer simply misses a beat): every node asks at the same moments, so all hold the
 * same last report of a node that dies, and show the same incident figures. It also follows the
 * cluster's member events, and hands both to its {@link ClusterHistory}. Every node keeps its
 * own, so a page served by a survivor shows the whole incident.
 */
public final class DashboardView extends AbstractBehavior<DashboardView.Command> {
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

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
   * A node that went away ({@code cause} unreachable or left): its last report (its own time),
   * each step as this node saw it (null until it happens), its rooms (how many it had, how many
   * have started elsewhere since, the first and the last of them, by the survivors' times) and
   * {@code outageMillis}, how long its players went without state (null until all are back).
   */
  public record IncidentView(String node, String cause, long startedAtMillis, Long lastReportAtMillis,
      Long downedAtMillis, Long removedAtMillis, Long reachableAgainAtMillis, int rooms, int roomsRecovered,
      Long firstRecoveredAtMillis, Long recoveredAtMillis, Long outageMillis) {}

  public static Behavior<Command> create(Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      DashboardView view = new DashboardView(ctx, clock, timers);
      view.scheduleNextPoll();
      return view;
    }));
  }

  private final Clock clock;
  private final TimerScheduler<Command> timers;
  private final ActorRef<NodeReport> reportsTo;
  private Set<ActorRef<NodeReporter.Command>> reporters = Set.of();
  private final ClusterHistory history = new ClusterHistory();

  private DashboardView(ActorContext<Command> ctx, Clock clock, TimerScheduler<Command> timers) {
    super(ctx);
    this.clock = clock;
    this.timers = timers;
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
          scheduleNextPoll();
          return this;
        })
        .onMessage(ReportersChanged.class, changed -> {
          reporters = changed.listing().getServiceInstances(NodeReporter.KEY);
          return this;
        })
        .onMessage(ReportReceived.class, received -> {
          history.report(received.report(), clock.millis());
          return this;
        })
        .onMessage(MemberChanged.class, changed -> onMemberEvent(changed.event()))
        .onMessage(ReachabilityChanged.class, changed -> onReachabilityEvent(changed.event()))
        .onMessage(GetSnapshot.class, get -> {
          get.replyTo().tell(snapshot());
          return this;
        })
        .build();
  }

  private Behavior<Command> onMemberEvent(ClusterEvent.MemberEvent event) {
    String node = event.member().address().toString();
    long now = clock.millis();
    if (event instanceof ClusterEvent.MemberUp) {
      history.memberUp(node, roles(event.member()), now);
    } else if (event instanceof ClusterEvent.MemberLeft) {
      history.memberLeft(node, now);
    } else if (event instanceof ClusterEvent.MemberDowned) {
      history.memberDowned(node, now);
    } else if (event instanceof ClusterEvent.MemberRemoved) {
      history.memberRemoved(node, now);
    }
    return this;
  }

  private Behavior<Command> onReachabilityEvent(ClusterEvent.ReachabilityEvent event) {
    String node = event.member().address().toString();
    if (event instanceof ClusterEvent.UnreachableMember) {
      history.unreachable(node, clock.millis());
    } else if (event instanceof ClusterEvent.ReachableMember) {
      history.reachable(node, clock.millis());
    }
    return this;
  }

  private void scheduleNextPoll() {
    long interval = POLL_INTERVAL.toMillis();
    long untilNextSecond = interval - Math.floorMod(clock.millis(), interval);
    // A timer that fired a little early must not poll twice in one second.
    timers.startSingleTimer(new Poll(), Duration.ofMillis(untilNextSecond < interval / 10 ? untilNextSecond + interval : untilNextSecond));
  }

  private static List<String> roles(Member member) {
    return member.getRoles().stream().filter(role -> !role.startsWith("dc-")).sorted().toList();
  }

  private Snapshot snapshot() {
    long now = clock.millis();
    ClusterEvent.CurrentClusterState state = Cluster.get(getContext().getSystem()).state();
    Set<String> unreachable = new HashSet<>();
    state.getUnreachable().forEach(member -> unreachable.add(member.address().toString()));
    List<MemberView> members = StreamSupport.stream(state.getMembers().spliterator(), false)
        .map(member -> new MemberView(member.address().toString(), member.status().toString(),
            roles(member), !unreachable.contains(member.address().toString())))
        .toList();
    List<NodeView> nodes = history.nodes(now);
    return new Snapshot(getContext().getSystem().address().toString(), now, members, nodes,
        ClusterHistory.totals(nodes), history.timeline(), history.incidents());
  }
}
