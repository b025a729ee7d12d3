package io.arena.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.arena.server.room.RoomStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The dashboard's incident logic, fed by hand: member events and node reports at given times. */
class ClusterHistoryTest {
  private static final String VICTIM = "akka://game@127.0.0.1:25522";
  private static final String SURVIVOR = "akka://game@127.0.0.1:25521";

  private final ClusterHistory history = new ClusterHistory();

  /** A room of {@code node}'s report; {@code restoredTick} -1 for a new room. */
  private static RoomStatus room(String id, long tick, long startedAt, long restoredTick) {
    return new RoomStatus(id, "7", 2, tick, 40, restoredTick, startedAt, startedAt, restoredTick);
  }

  private static NodeReport report(String node, long at, List<RoomStatus> rooms) {
    return new NodeReport(node, List.of("edge", "game"), at, 0, rooms.size(), 0,
        List.of(new NodeReport.ShardReport("7", rooms.size())), rooms);
  }

  private List<String> timelineTexts() {
    return history.timeline().stream().map(DashboardView.TimelineEntry::text).toList();
  }

  @Test
  void aKilledNodesIncidentFollowsItUntilItsLastRoomRunsOnASurvivor() {
    history.report(report(SURVIVOR, 900, List.of()), 900);
    history.report(report(VICTIM, 1_000, List.of(room("a", 500, 0, -1), room("b", 300, 0, -1))), 1_000);
    history.unreachable(VICTIM, 3_000);
    history.memberDowned(VICTIM, 4_500);
    history.memberRemoved(VICTIM, 6_000);
    history.report(report(SURVIVOR, 7_000, List.of(room("a", 480, 6_800, 480))), 7_000);

    DashboardView.IncidentView open = history.incidents().get(0);
    assertEquals("unreachable", open.cause());
    assertEquals(3_000, open.startedAtMillis());
    assertEquals(4_500L, open.downedAtMillis());
    assertEquals(6_000L, open.removedAtMillis());
    assertEquals(2, open.rooms());
    assertEquals(1, open.roomsRecovered());
    assertNull(open.recoveredAtMillis(), "one room is still to come back");

    history.report(report(SURVIVOR, 8_000, List.of(room("a", 500, 6_800, 480), room("b", 290, 7_400, 290))), 8_000);
    DashboardView.IncidentView recovered = history.incidents().get(0);
    assertEquals(2, recovered.roomsRecovered());
    assertEquals(7_400L, recovered.recoveredAtMillis(), "recovered when the last room started");
    assertEquals(List.of(
        "is unreachable (no heartbeats)",
        "was downed by the Split Brain Resolver",
        "was removed from the cluster",
        "room a recovered at tick 480, 20 ticks back from tick 500 last reported by " + VICTIM,
        "room b recovered at tick 290, 10 ticks back from tick 300 last reported by " + VICTIM),
        timelineTexts());
    assertEquals(List.of(SURVIVOR), history.nodes(8_000).stream().map(view -> view.report().address()).toList(),
        "a removed node leaves the node list");
  }

  @Test
  void theOutagePlayersLivedRunsFromTheVictimsLastReportToItsLastRoomBackTheSameOnEveryObserver() {
    List<Long> outages = new ArrayList<>();
    for (long detectedAt : new long[] {2_400, 3_300}) {   // two observers' own failure detectors
      ClusterHistory observer = new ClusterHistory();
      observer.report(report(VICTIM, 1_000, List.of(room("a", 500, 0, -1), room("b", 300, 0, -1))), 1_004);
      observer.unreachable(VICTIM, detectedAt);
      observer.memberDowned(VICTIM, detectedAt + 1_500);
      observer.memberRemoved(VICTIM, detectedAt + 3_000);
      observer.report(report(SURVIVOR, 7_000, List.of(room("a", 480, 6_100, 480))), 7_010);
      assertNull(observer.incidents().get(0).outageMillis(), "room b is still to come back");
      observer.report(report(SURVIVOR, 8_000, List.of(room("a", 500, 6_100, 480), room("b", 290, 7_400, 290))), 8_020);
      DashboardView.IncidentView incident = observer.incidents().get(0);
      assertEquals(1_000L, incident.lastReportAtMillis());
      assertEquals(6_100L, incident.firstRecoveredAtMillis());
      outages.add(incident.outageMillis());
    }
    assertEquals(List.of(6_400L, 6_400L), outages);
  }

  @Test
  void aNodeThatComesBackClosesItsIncidentWithoutRecovery() {
    history.report(report(VICTIM, 1_000, List.of(room("a", 500, 0, -1))), 1_000);
    history.unreachable(VICTIM, 2_000);
    history.reachable(VICTIM, 2_500);
    history.unreachable(VICTIM, 9_000);
    List<DashboardView.IncidentView> incidents = history.incidents();
    assertEquals(2, incidents.size(), "a second outage is a second incident");
    assertEquals(2_500L, incidents.get(0).reachableAgainAtMillis());
    assertNull(incidents.get(0).recoveredAtMillis());
    assertNull(incidents.get(1).reachableAgainAtMillis());
  }

  @Test
  void aGracefulStopThatAlsoTurnsUnreachableIsOneIncident() {
    history.memberLeft(VICTIM, 1_000);
    history.unreachable(VICTIM, 1_200);
    assertEquals(1, history.incidents().size());
    assertEquals("left", history.incidents().get(0).cause());
  }

  @Test
  void aNodesFirstReportIsTheBaselineAndLaterRoomsAndShardsAreNews() {
    history.report(report(SURVIVOR, 1_000, List.of(room("old", 900, 0, -1))), 1_000);
    assertEquals(List.of(), history.timeline(), "what a node already ran is no news");
    history.report(new NodeReport(SURVIVOR, List.of("game"), 2_000, 0, 3, 0,
        List.of(new NodeReport.ShardReport("7", 2), new NodeReport.ShardReport("12", 1)),
        List.of(room("old", 920, 0, -1), room("new", 1, 1_900, -1), room("back", 60, 1_950, 40))), 2_000);
    assertEquals(List.of("shard 12 started", "room new created", "room back started from its checkpoint at tick 40"),
        timelineTexts());
  }

  @Test
  void manyRoomsStartingAtOnceAreOneEntry() {
    history.report(report(SURVIVOR, 1_000, List.of()), 1_000);
    List<RoomStatus> rooms = IntStream.range(0, ClusterHistory.ROOM_ENTRIES_PER_REPORT + 1)
        .mapToObj(i -> room("r" + i, 1, 1_500, -1)).toList();
    history.report(report(SURVIVOR, 2_000, rooms), 2_000);
    assertEquals(List.of("11 rooms started"), timelineTexts());
  }

  @Test
  void theTimelineAndTheIncidentsStayBounded() {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < ClusterHistory.TIMELINE_LIMIT; i++) {
      String node = "akka://game@10.0.0." + i + ":25520";
      nodes.add(node);
      history.unreachable(node, i);
    }
    assertEquals(ClusterHistory.TIMELINE_LIMIT, history.timeline().size());
    assertEquals(ClusterHistory.INCIDENT_LIMIT, history.incidents().size());
    assertEquals(nodes.get(nodes.size() - 1), history.incidents().get(ClusterHistory.INCIDENT_LIMIT - 1).node(),
        "the newest incidents are kept");
    history.reachable(nodes.get(0), 1_000);
    assertEquals(ClusterHistory.TIMELINE_LIMIT, history.timeline().size());
    assertEquals("is reachable again", timelineTexts().get(ClusterHistory.TIMELINE_LIMIT - 1));
  }
}
