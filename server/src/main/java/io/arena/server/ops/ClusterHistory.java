package io.arena.server.ops;

import io.arena.server.room.RoomStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the operator dashboard remembers, from the cluster's member events and the nodes' reports:
 * each node's latest report, a bounded timeline (members joining, going unreachable, downed,
 * removed; shards and rooms starting elsewhere) and one incident per node that went away, with
 * how long each step took. Plain: {@link DashboardView} feeds it, with times in epoch millis.
 */
final class ClusterHistory {
  static final int TIMELINE_LIMIT = 200;
  static final int INCIDENT_LIMIT = 20;
  /** Rooms that start on one node in one report get one timeline entry each up to this many. */
  static final int ROOM_ENTRIES_PER_REPORT = 10;

  /** A node that went away, and how far its rooms have come back. */
  private static final class Incident {
    final String node;
    final String cause;
    final long startedAtMillis;
    /** The node's own time on its last report (null if it never reported): its last sign of life. */
    final Long lastReportAtMillis;
    final int rooms;
    final Set<String> roomsToRecover;
    Long downedAtMillis;
    Long removedAtMillis;
    Long reachableAgainAtMillis;
    int roomsRecovered;
    Long firstRecoveredAtMillis;
    long lastRecoveredAtMillis;
    Long recoveredAtMillis;

    Incident(String node, String cause, long startedAtMillis, Long lastReportAtMillis, int rooms,
        Set<String> roomsToRecover) {
      this.node = node;
      this.cause = cause;
      this.startedAtMillis = startedAtMillis;
      this.lastReportAtMillis = lastReportAtMillis;
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
        firstRecoveredAtMillis = firstRecoveredAtMillis == null ? startedAtMillis
            : Math.min(firstRecoveredAtMillis, startedAtMillis);
        lastRecoveredAtMillis = Math.max(lastRecoveredAtMillis, startedAtMillis);
        if (roomsToRecover.isEmpty()) {
          recoveredAtMillis = lastRecoveredAtMillis;
        }
      }
    }

    /**
     * What its players lived: no state from the node's last sign of life (its last report, at most
     * a second before a crash; the start of leaving for a graceful stop) until the last of its
     * rooms ran on a survivor. Both ends are stamped by the nodes that lived them, so every
     * node's dashboard shows the same figure; null until every room is back.
     */
    Long outageMillis() {
      if (recoveredAtMillis == null) {
        return null;
      }
      long from = cause.equals("unreachable") && lastReportAtMillis != null ? lastReportAtMillis : startedAtMillis;
      return recoveredAtMillis - from;
    }

    DashboardView.IncidentView view() {
      return new DashboardView.IncidentView(node, cause, startedAtMillis, lastReportAtMillis, downedAtMillis,
          removedAtMillis, reachableAgainAtMillis, rooms, roomsRecovered, firstRecoveredAtMillis,
          recoveredAtMillis, outageMillis());
    }
  }

  private record NodeSeen(NodeReport latest, NodeReport previous, long receivedAtMillis) {}

  /** Where a room was last seen running, and at which tick. */
  private record RoomSeen(String node, long tick) {}

  private final Map<String, NodeSeen> nodes = new HashMap<>();
  private final Map<String, RoomSeen> roomsSeen = new HashMap<>();
  private final ArrayDeque<DashboardView.TimelineEntry> timeline = new ArrayDeque<>();
  private final ArrayDeque<Incident> incidents = new ArrayDeque<>();

  // ---- members ----

  void memberUp(String node, List<String> roles, long at) {
    record(at, "joined", node, null, "joined, Up, roles " + roles);
  }

  void memberLeft(String node, long at) {
    record(at, "leaving", node, null, "is leaving (graceful stop)");
    openIncident(node, "left", at);
  }

  void memberDowned(String node, long at) {
    record(at, "downed", node, null, "was downed by the Split Brain Resolver");
    openIncidentOf(node).ifPresent(incident -> incident.downedAtMillis = at);
  }

  void memberRemoved(String node, long at) {
    record(at, "removed", node, null, "was removed from the cluster");
    openIncidentOf(node).ifPresent(incident -> incident.removedAtMillis = at);
    nodes.remove(node);
  }

  void unreachable(String node, long at) {
    record(at, "unreachable", node, null, "is unreachable (no heartbeats)");
    openIncident(node, "unreachable", at);
  }

  void reachable(String node, long at) {
    record(at, "reachable", node, null, "is reachable again");
    openIncidentOf(node).ifPresent(incident -> incident.reachableAgainAtMillis = at);
  }

  /** A node went away: its rooms, as last reported, are expected to start elsewhere. */
  private void openIncident(String node, String cause, long at) {
    if (openIncidentOf(node).isPresent()) {
      return; // unreachable, then leaving (or the reverse): still one incident
    }
    NodeSeen seen = nodes.get(node);
    Set<String> rooms = new HashSet<>();
    int roomCount = 0;
    Long lastReport = null;
    if (seen != null) {
      seen.latest().listedRooms().forEach(room -> rooms.add(room.id()));
      roomCount = seen.latest().rooms();
      lastReport = seen.latest().atMillis();
    }
    incidents.addLast(new Incident(node, cause, at, lastReport, roomCount, rooms));
    while (incidents.size() > INCIDENT_LIMIT) {
      incidents.removeFirst();
    }
  }

  private Optional<Incident> openIncidentOf(String node) {
    return incidents.stream().filter(incident -> incident.node.equals(node) && incident.isOpen()).findFirst();
  }

  // ---- reports ----

  void report(NodeReport report, long at) {
    String node = report.address();
    NodeSeen before = nodes.get(node);
    // A node's first report is the baseline: what it already ran is no news.
    if (before != null) {
      Set<String> shardsBefore = new HashSet<>();
      before.latest().shards().forEach(shard -> shardsBefore.add(shard.id()));
      report.shards().stream().filter(shard -> !shardsBefore.contains(shard.id())).forEach(shard ->
          record(at, "shard", node, null, "shard " + shard.id() + " started"));
    }
    List<DashboardView.TimelineEntry> roomEntries = new ArrayList<>();
    Set<String> listedNow = new HashSet<>();
    for (RoomStatus room : report.listedRooms()) {
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
        roomEntries.add(new DashboardView.TimelineEntry(room.startedAtMillis(), "room", node, room.id(),
            room.restoredTick() < 0 ? "room " + room.id() + " created"
                : "room " + room.id() + " started from its checkpoint at tick " + room.restoredTick()));
      }
    }
    // Rooms this node no longer runs are forgotten, unless another node runs them by now.
    roomsSeen.entrySet().removeIf(seen -> seen.getValue().node().equals(node) && !listedNow.contains(seen.getKey()));
    if (roomEntries.size() <= ROOM_ENTRIES_PER_REPORT) {
      roomEntries.forEach(this::record);
    } else {
      record(at, "room", node, null, roomEntries.size() + " rooms started");
    }
    nodes.put(node, new NodeSeen(report, before == null ? null : before.latest(), at));
  }

  /** A room runs on {@code node} now, last seen on another: how far back did it go? */
  private static DashboardView.TimelineEntry roomMoved(RoomStatus room, String node, RoomSeen previous) {
    long ticksBack = previous.tick() - room.restoredTick();
    String text = room.restoredTick() < 0
        ? "room " + room.id() + " started anew (it had no checkpoint)"
        : "room " + room.id() + " recovered at tick " + room.restoredTick() + ", "
            + (ticksBack > 0 ? ticksBack + " ticks back from" : "not behind") + " tick "
            + previous.tick() + " last reported by " + previous.node();
    return new DashboardView.TimelineEntry(room.startedAtMillis(), "room", node, room.id(), text);
  }

  private void record(long atMillis, String kind, String node, String room, String text) {
    record(new DashboardView.TimelineEntry(atMillis, kind, node, room, text));
  }

  private void record(DashboardView.TimelineEntry entry) {
    timeline.addLast(entry);
    while (timeline.size() > TIMELINE_LIMIT) {
      timeline.removeFirst();
    }
  }

  // ---- views ----

  /** Each node's latest report by address, how old it is at {@code now}, and its frames per second. */
  List<DashboardView.NodeView> nodes(long now) {
    List<DashboardView.NodeView> views = new ArrayList<>(nodes.size());
    for (NodeSeen seen : nodes.values()) {
      views.add(new DashboardView.NodeView(seen.latest(), now - seen.receivedAtMillis(), framesPerSecond(seen)));
    }
    views.sort(Comparator.comparing(view -> view.report().address()));
    return views;
  }

  static DashboardView.Totals totals(Collection<DashboardView.NodeView> nodes) {
    int players = 0;
    int rooms = 0;
    double framesPerSecond = 0;
    for (DashboardView.NodeView node : nodes) {
      players += node.report().players();
      rooms += node.report().rooms();
      framesPerSecond += node.framesPerSecond();
    }
    return new DashboardView.Totals(players, rooms, framesPerSecond);
  }

  List<DashboardView.TimelineEntry> timeline() {
    return List.copyOf(timeline);
  }

  List<DashboardView.IncidentView> incidents() {
    return incidents.stream().map(Incident::view).toList();
  }

  private static double framesPerSecond(NodeSeen seen) {
    if (seen.previous() == null || seen.latest().atMillis() <= seen.previous().atMillis()) {
      return 0;
    }
    return (seen.latest().framesOut() - seen.previous().framesOut()) * 1000.0
        / (seen.latest().atMillis() - seen.previous().atMillis());
  }
}
