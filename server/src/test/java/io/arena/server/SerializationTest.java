package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.SerializationTestKit;
import akka.actor.typed.ActorRef;
import akka.serialization.SerializationExtension;
import akka.serialization.jackson.JacksonCborSerializer;
import com.typesafe.config.ConfigFactory;
import io.arena.protocol.StateFormat;
import io.arena.server.lobby.RoomListing;
import io.arena.server.ops.NodeReport;
import io.arena.server.ops.NodeReporter;
import io.arena.server.room.GameRoom;
import io.arena.server.room.HotMessageSerializer;
import io.arena.server.room.RoomInbox;
import io.arena.server.room.RoomLedger;
import io.arena.server.room.RoomProfile;
import io.arena.server.room.RoomStatus;
import io.arena.server.room.RoomUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message that crosses nodes or goes to the journal survives the serializer
 * serialization.conf binds it to: Jackson CBOR, or for the two hot ones, {@link HotMessageSerializer}.
 * (The ledger's commands, events and state are also checked by EventSourcedBehaviorTestKit in
 * RoomLedgerTest.)
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
    roundTrip(message, JacksonCborSerializer.class);
  }

  private static void roundTrip(Object message, Class<?> serializer) {
    assertEquals(serializer,
        SerializationExtension.get(testKit.system().classicSystem()).findSerializerFor(message).getClass(),
        () -> message.getClass() + " is not bound to " + serializer.getSimpleName());
    serialization.verifySerialization(message, true);
  }

  @Test
  void roomCommandsRoundTrip() {
    ActorRef<RoomUpdate> edge = testKit.<RoomUpdate>createTestProbe().getRef();
    ActorRef<GameRoom.RoomInfo> admin = testKit.<GameRoom.RoomInfo>createTestProbe().getRef();
    GameRoom.Connection connection = new GameRoom.Connection(edge, 9_007_199_254_740_993L, StateFormat.COMPACT);
    roundTrip(new GameRoom.Join("Ada 🎉", null, connection));
    roundTrip(new GameRoom.Join("Ada", "user-42", connection));
    roundTrip(new GameRoom.Join("Ada", null, connection, null, "duel", true, false));
    roundTrip(new GameRoom.Join("Ada", null, connection, "rps", "ctf", false, true));
    roundTrip(new GameRoom.Rejoin("p1", connection));
    GameRoom.ApplyInput input = new GameRoom.ApplyInput("p1", 9_007_199_254_740_991L, new double[] {-0.25, 1});
    roundTrip(input);
    roundTrip(new GameRoom.ApplyInputs(List.of(input, new GameRoom.ApplyInput("p2", 1, new double[0]))));
    roundTrip(new GameRoom.Say("p1", "gg \"quoted\""));
    roundTrip(new GameRoom.Leave("p1"));
    roundTrip(new GameRoom.Disconnect("p1", connection));
    roundTrip(new GameRoom.Disconnect("p1", new GameRoom.Connection(edge, 1, StateFormat.JSON)));
    roundTrip(new GameRoom.GetInfo(admin));
    roundTrip(new GameRoom.Stop());
    roundTrip(new GameRoom.Wake());
  }

  @Test
  void roomUpdatesAndRepliesRoundTrip() {
    ActorRef<GameRoom.Command> room = testKit.<GameRoom.Command>createTestProbe().getRef();
    byte[] json = "{\"type\":\"state\",\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
    roundTrip(new RoomUpdate.Broadcast(room, json));
    roundTrip(new RoomUpdate.Broadcast(room, new byte[0]));
    roundTrip(new RoomUpdate.JoinAccepted(3, "lobby", "arena", "p1", "Ada", 42, 20, 7, room));
    roundTrip(new RoomUpdate.JoinAccepted(3, "board", "tictactoe", "p1", "Ada", 42, 0, 7, room));
    for (RoomUpdate.Refusal reason : RoomUpdate.Refusal.values()) {
      roundTrip(new RoomUpdate.JoinRefused(3, "lobby", reason));
    }
    roundTrip(new RoomUpdate.JoinRefused(3, "lobby", RoomUpdate.Refusal.WRONG_GAME, "room lobby plays arena"));
    roundTrip(new RoomUpdate.InputRefused(3, room, 12, "not your turn"));
    roundTrip(new RoomUpdate.Released(3, room, true));
    roundTrip(new RoomUpdate.Released(4, room, false));
    roundTrip(new GameRoom.RoomInfo(true, "akka://game@127.0.0.1:25520", "arena", LOBBY,
        List.of(new GameRoom.PlayerInfo("p1", "Ada", true))));
  }

  @Test
  void hotMessagesRoundTripThroughTheirOwnSerializer() {
    ActorRef<GameRoom.Command> room = testKit.<GameRoom.Command>createTestProbe().getRef();
    ActorRef<GameRoom.Command> other = testKit.<GameRoom.Command>createTestProbe().getRef();
    byte[] json = "{\"type\":\"state\",\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
    Class<HotMessageSerializer> hot = HotMessageSerializer.class;
    roundTrip(new RoomUpdate.State(room, 1L << 40, json, new byte[] {1, 0x2a}, new byte[] {0, -1, 127}, null), hot);
    roundTrip(new RoomUpdate.State(room, 7, json, null, null, null), hot);
    roundTrip(new RoomUpdate.State(room, 7, null, null, new byte[] {0}, null), hot);
    roundTrip(new RoomUpdate.State(room, 8, json, null, null, Map.of(9_007_199_254_740_993L, json, 2L, new byte[0])), hot);
    roundTrip(new RoomInbox.Inputs(List.of(
        new RoomInbox.RoomInputs(room, List.of(
            new GameRoom.ApplyInput("p1 🎉", 9_007_199_254_740_991L, new double[] {-0.25, 1}),
            new GameRoom.ApplyInput("p2", 1, new double[] {4}))),
        new RoomInbox.RoomInputs(other, List.of(new GameRoom.ApplyInput("p3", 2, new double[0]))))), hot);
    roundTrip(new RoomInbox.Inputs(List.of()), hot);
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
    roundTrip(new RoomListing("ctf-Xy3kP0aQ2m", "arena", "ctf", 7, 16, "akka://game@127.0.0.1:25521"));
  }

  @Test
  void ledgerEventsAndStateRoundTrip() {
    RoomLedger.Checkpoint checkpoint = new RoomLedger.Checkpoint(120, 1_700_000_000_000L, 31,
        Map.of("p1", 12L), new byte[] {0, 1, -1, 127});
    RoomLedger.PlayerJoined joined = new RoomLedger.PlayerJoined(32, "p1", "Ada");
    RoomLedger.FactRecorded fact = new RoomLedger.FactRecorded(32, new byte[] {0, 3, 'p', '1'});
    roundTrip(joined);
    roundTrip(new RoomLedger.PlayerLeft(33, "p1", 17));
    roundTrip(fact);
    roundTrip(new RoomLedger.DepartedForgotten(33, List.of("p2", "p3")));
    roundTrip(new RoomLedger.CheckpointTaken(checkpoint));
    roundTrip(new RoomLedger.State(Map.of("p1", new RoomLedger.Member("Ada", true, 3, 0),
        "p2", new RoomLedger.Member("Bob", false, 8, 2)), checkpoint,
        new RoomProfile("tictactoe", "duel", true), List.of(joined, fact), 32));
    roundTrip(new RoomLedger.RoomOpened(new RoomProfile("arena", "ctf", false)));
    roundTrip(RoomLedger.State.EMPTY);
  }
}
