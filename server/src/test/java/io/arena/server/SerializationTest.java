package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.SerializationTestKit;
import akka.actor.typed.ActorRef;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.jackson.JacksonCborSerializer;
import akka.serialization.jackson.JacksonObjectMapperProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.arena.protocol.StateFormat;
import io.arena.server.game.Coin;
import io.arena.server.lobby.RoomListing;
import io.arena.server.ops.NodeReport;
import io.arena.server.ops.NodeReporter;
import io.arena.server.room.GameRoom;
import io.arena.server.room.RoomLedger;
import io.arena.server.room.RoomProfile;
import io.arena.server.room.RoomStatus;
import io.arena.server.room.RoomUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message that crosses nodes or goes to the journal survives Jackson CBOR, the serializer
 * serialization.conf binds it to. (The ledger's commands, events and state are also checked by
 * EventSourcedBehaviorTestKit in RoomLedgerTest.)
 */
class SerializationTest {
  private static ActorTestKit testKit;
  private static SerializationTestKit serialization;
  private static final RoomStatus LOBBY = new RoomStatus("lobby", "42", 3, 1_200, 85.5, 1_180,
      1_699_999_999_000L, 1_699_999_000_000L, 400);

  @BeforeAll
  static void startTestKit() {
    testKit = ActorTestKit.create(ConfigFactory.parseResources("serialization.conf"));
    serialization = new SerializationTestKit(testKit.system());
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  private static void roundTrip(Object message) {
    assertEquals(JacksonCborSerializer.class,
        SerializationExtension.get(testKit.system().classicSystem()).findSerializerFor(message).getClass(),
        () -> message.getClass() + " is not bound to Jackson CBOR");
    serialization.verifySerialization(message, true);
  }

  @Test
  void roomCommandsRoundTrip() {
    ActorRef<RoomUpdate> edge = testKit.<RoomUpdate>createTestProbe().getRef();
    ActorRef<GameRoom.RoomInfo> admin = testKit.<GameRoom.RoomInfo>createTestProbe().getRef();
    GameRoom.Connection connection = new GameRoom.Connection(edge, 9_007_199_254_740_993L, StateFormat.COMPACT);
    roundTrip(new GameRoom.Join("Ada 🎉", null, connection));
    roundTrip(new GameRoom.Join("Ada", "user-42", connection));
    roundTrip(new GameRoom.Join("Ada", null, connection, "duel", true, false));
    roundTrip(new GameRoom.Join("Ada", null, connection, "ctf", false, true));
    roundTrip(new GameRoom.Rejoin("p1", connection));
    roundTrip(new GameRoom.ApplyInput("p1", 9_007_199_254_740_991L, -0.25, 1));
    roundTrip(new GameRoom.Say("p1", "gg \"quoted\""));
    roundTrip(new GameRoom.Leave("p1"));
    roundTrip(new GameRoom.Disconnect("p1", connection));
    roundTrip(new GameRoom.Disconnect("p1", new GameRoom.Connection(edge, 1, StateFormat.JSON)));
    roundTrip(new GameRoom.GetInfo(admin));
    roundTrip(new GameRoom.Stop());
  }

  @Test
  void roomUpdatesAndRepliesRoundTrip() {
    ActorRef<GameRoom.Command> room = testKit.<GameRoom.Command>createTestProbe().getRef();
    byte[] json = "{\"type\":\"state\",\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
    roundTrip(new RoomUpdate.Broadcast(room, json));
    roundTrip(new RoomUpdate.Broadcast(room, new byte[0]));
    roundTrip(new RoomUpdate.State(room, 1L << 40, json, new byte[] {1, 0x2a}, new byte[] {0, -1, 127}));
    roundTrip(new RoomUpdate.State(room, 7, json, null, null));
    roundTrip(new RoomUpdate.State(room, 7, null, null, new byte[] {0}));
    roundTrip(new RoomUpdate.JoinAccepted(3, "lobby", "p1", "Ada", 42, 20, 7, room));
    for (RoomUpdate.Refusal reason : RoomUpdate.Refusal.values()) {
      roundTrip(new RoomUpdate.JoinRefused(3, "lobby", reason));
    }
    roundTrip(new RoomUpdate.Released(3, room, true));
    roundTrip(new RoomUpdate.Released(4, room, false));
    roundTrip(new GameRoom.RoomInfo(true, "akka://game@127.0.0.1:25520", LOBBY,
        List.of(new GameRoom.PlayerInfo("p1", "Ada", 3, true))));
  }

  @Test
  void dashboardMessagesRoundTrip() {
    ActorRef<NodeReport> view = testKit.<NodeReport>createTestProbe().getRef();
    roundTrip(new NodeReporter.Report(view));
    roundTrip(new NodeReport("akka://game@127.0.0.1:25520", List.of("edge", "game"), 1_700_000_000_000L,
        12_345, 2, 3, List.of(new NodeReport.ShardReport("42", 2)),
        List.of(LOBBY, new RoomStatus("new-room", "42", 0, 0, 0, -1, 0, 1_699_999_000_000L, -1))));
  }

  @Test
  void roomListingsRoundTrip() {
    roundTrip(new RoomListing("ctf-Xy3kP0aQ2m", "ctf", 7, 16, "akka://game@127.0.0.1:25521"));
  }

  @Test
  void ledgerEventsAndStateRoundTrip() {
    RoomLedger.Checkpoint checkpoint = new RoomLedger.Checkpoint(120, 1_700_000_000_000L, 31,
        List.of(new RoomLedger.Body("p1", 10.5, 999.99, 12)), List.of(new Coin(30, 1, 2)));
    roundTrip(new RoomLedger.PlayerJoined("p1", "Ada"));
    roundTrip(new RoomLedger.PlayerLeft("p1", 17));
    roundTrip(new RoomLedger.ScoreChanged("p1", 12));
    roundTrip(new RoomLedger.DepartedForgotten(List.of("p2", "p3")));
    roundTrip(new RoomLedger.Departure(List.of("p2")));
    roundTrip(new RoomLedger.CheckpointTaken(checkpoint));
    roundTrip(new RoomLedger.State(Map.of("p1", new RoomLedger.Member("Ada", 12, true, 3, 0),
        "p2", new RoomLedger.Member("Bob", 4, false, 8, 2)), checkpoint, new RoomProfile("duel", true)));
    roundTrip(new RoomLedger.RoomOpened(new RoomProfile("ctf", false)));
    roundTrip(RoomLedger.State.EMPTY);
  }

  /** A ledger state as snapshots stored it before rooms had profiles. */
  private record StateBeforeProfiles(Map<String, RoomLedger.Member> members, RoomLedger.Checkpoint checkpoint) {}

  @Test
  void stateStoredBeforeRoomsHadProfilesStillReads() throws Exception {
    ObjectMapper cbor = JacksonObjectMapperProvider.get(testKit.system().classicSystem())
        .getOrCreate("jackson-cbor", Optional.empty());
    Map<String, RoomLedger.Member> members = Map.of("p1", new RoomLedger.Member("Ada", 3, true, 1, 0));
    byte[] stored = cbor.writeValueAsBytes(new StateBeforeProfiles(members, null));
    assertEquals(new RoomLedger.State(members, null, null), cbor.readValue(stored, RoomLedger.State.class),
        "an old room reads without a profile, which the room takes as the default");
  }

  /** A member as snapshots stored it before departures were ordered. */
  private record MemberBeforeDepartures(String name, long score, boolean present, long lastSeq) {}

  @Test
  void memberStoredBeforeDeparturesWereOrderedStillReads() throws Exception {
    ObjectMapper cbor = JacksonObjectMapperProvider.get(testKit.system().classicSystem())
        .getOrCreate("jackson-cbor", Optional.empty());
    byte[] stored = cbor.writeValueAsBytes(new MemberBeforeDepartures("Bob", 4, false, 8));
    assertEquals(new RoomLedger.Member("Bob", 4, false, 8, 0), cbor.readValue(stored, RoomLedger.Member.class),
        "an old snapshot's departed player reads as the longest gone");
  }

  @Test
  void ledgerStoredBeforeItMovedPackageStillReplays() {
    Serialization serializer = SerializationExtension.get(testKit.system().classicSystem());
    RoomLedger.Checkpoint checkpoint = new RoomLedger.Checkpoint(5, 1_700_000_000_000L, 21,
        List.of(new RoomLedger.Body("p1", 1, 2, 3)), List.of(new Coin(20, 4, 5)));
    for (Object stored : List.of(new RoomLedger.PlayerJoined("p1", "Ada"),
        new RoomLedger.PlayerLeft("p1", 17), new RoomLedger.ScoreChanged("p1", 12),
        new RoomLedger.DepartedForgotten(List.of("p2")), new RoomLedger.CheckpointTaken(checkpoint),
        new RoomLedger.State(Map.of("p1", new RoomLedger.Member("Ada", 12, true, 3, 0)), checkpoint,
            RoomProfile.DEFAULT))) {
      Serializer cbor = serializer.findSerializerFor(stored);
      String oldManifest = "io.arena.server.RoomLedger$" + stored.getClass().getSimpleName();
      assertEquals(stored, serializer.deserialize(cbor.toBinary(stored), cbor.identifier(), oldManifest).get(),
          oldManifest + " reads as " + stored.getClass().getName());
    }
  }
}
