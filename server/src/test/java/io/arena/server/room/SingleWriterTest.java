package io.arena.server.room;

import akka.Done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.pattern.StatusReply;
import akka.persistence.typed.PersistenceId;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.arena.server.config.NodeConfig;
import io.arena.server.config.StoreSettings;
import io.arena.server.testing.Postgres;
import io.arena.server.testing.TestNodes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A room never has two live writers: if a stale copy (say, on a node that froze and has not yet
 * noticed it was downed) writes after the live copy, PostgreSQL's primary key on (persistence_id,
 * sequence_number) rejects it, and the stale ledger restarts from what is really stored.
 */
class SingleWriterTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  /** Any limit: this test never has a departed player. */
  private static String dbUrl;
  private static ActorTestKit live;
  private static ActorTestKit stale;

  @BeforeAll
  static void twoNodesOnOneDatabase() throws Exception {
    Postgres.requireRunning();
    dbUrl = Postgres.freshSchema("single_writer_test");
    Config node = ConfigFactory.parseString("akka.actor.provider = local\n"
            + "akka.persistence.journal.auto-start-journals = []\n"
            + "akka.persistence.snapshot-store.auto-start-snapshot-stores = []")
        .withFallback(TestNodes.postgres(dbUrl));
    StoreSettings.fromConfig(NodeConfig.load(node).getConfig("game")).createSchemaIfMissing();
    live = ActorTestKit.create("live", NodeConfig.load(node));
    stale = ActorTestKit.create("stale", NodeConfig.load(node));
  }

  @AfterAll
  static void stop() {
    live.shutdownTestKit();
    stale.shutdownTestKit();
  }

  private static StatusReply<Done> join(ActorTestKit node,
      ActorRef<RoomLedger.Command> ledger, String playerId) {
    TestProbe<StatusReply<Done>> reply = node.createTestProbe();
    ledger.tell(joinOf(playerId, reply.getRef()));
    return reply.receiveMessage(WAIT);
  }

  /** The first batch of a room: {@code playerId} joins. */
  private static RoomLedger.RecordBatch joinOf(String playerId, ActorRef<StatusReply<Done>> replyTo) {
    return new RoomLedger.RecordBatch(1, RoomProfile.DEFAULT,
        List.of(new RoomLedger.PlayerJoined(1, playerId, playerId)), replyTo);
  }

  private static RoomLedger.State state(ActorTestKit node, ActorRef<RoomLedger.Command> ledger) {
    TestProbe<RoomLedger.State> reply = node.createTestProbe();
    ledger.tell(new RoomLedger.GetState(reply.getRef()));
    return reply.receiveMessage(WAIT);
  }

  @Test
  void staleCopyCannotOverwriteTheLiveOneAndRestartsFromTheStore() throws Exception {
    PersistenceId room = PersistenceId.of(GameRoom.ENTITY_KEY.name(), "contested");
    ActorRef<RoomLedger.Command> staleLedger = stale.spawn(RoomLedger.create(room, stale.system().ignoreRef()));
    state(stale, staleLedger); // the stale copy has recovered: it believes it is at sequence 0
    ActorRef<RoomLedger.Command> liveLedger = live.spawn(RoomLedger.create(room, live.system().ignoreRef()));
    assertTrue(join(live, liveLedger, "alive").isSuccess());

    // The stale copy now writes sequences 1 and 2 too: the journal refuses, so it never acknowledges.
    TestProbe<StatusReply<Done>> staleReply = stale.createTestProbe();
    staleLedger.tell(joinOf("ghost", staleReply.getRef()));
    staleReply.expectNoMessage(Duration.ofSeconds(2));

    // It restarted (with backoff) and recovered what is really stored: the live copy's player.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!state(stale, staleLedger).isPresent("alive")) {
      assertTrue(System.nanoTime() < deadline, "the stale ledger did not recover the live one's facts");
      Thread.sleep(100);
    }
    // The live copy's first join: what the room is (RoomOpened), then the join.
    assertEquals(List.of("1:alive", "2:alive"), journal(room.id()));
  }

  /** The journal as stored: "sequenceNumber:playerId" of each event of {@code persistenceId}. */
  private static List<String> journal(String persistenceId) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(dbUrl, Postgres.USER, Postgres.PASSWORD);
        var statement = connection.prepareStatement(
            "SELECT sequence_number, event_payload FROM event_journal WHERE persistence_id = ? "
                + "ORDER BY sequence_number")) {
      statement.setString(1, persistenceId);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          String payload = new String(result.getBytes(2), java.nio.charset.StandardCharsets.ISO_8859_1);
          rows.add(result.getLong(1) + ":" + (payload.contains("ghost") ? "ghost" : "alive"));
        }
      }
    }
    return rows;
  }
}
