package io.arena.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.pattern.StatusReply;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.typed.PersistenceId;
import com.typesafe.config.ConfigFactory;
import io.arena.server.game.Coin;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's rules, and that everything it acknowledged survives a restart. */
class RoomLedgerTest {
  /** Small, so the tests reach it; the default is in game.conf. */
  private static final int DEPARTED_KEPT = 2;
  private static ActorTestKit testKit;
  private EventSourcedBehaviorTestKit<RoomLedger.Command, RoomLedger.Event, RoomLedger.State> ledger;

  @BeforeAll
  static void startTestKit() {
    testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
        .withFallback(ConfigFactory.parseResources("serialization.conf")));
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void freshLedger() {
    ledger = EventSourcedBehaviorTestKit.create(testKit.system(),
        RoomLedger.create(PersistenceId.of(GameRoom.ENTITY_KEY.name(), "room-1"), DEPARTED_KEPT));
    ledger.clear();
  }

  private StatusReply<RoomLedger.Member> join(String id, String name) {
    return ledger.<StatusReply<RoomLedger.Member>>runCommand(
        replyTo -> new RoomLedger.RecordJoin(id, name, RoomProfile.DEFAULT, replyTo)).reply();
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<RoomLedger.Command, RoomLedger.Event,
      RoomLedger.State, StatusReply<Done>> score(String id, long score) {
    return ledger.runCommand(replyTo -> new RoomLedger.RecordScore(id, score, replyTo));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<RoomLedger.Command, RoomLedger.Event,
      RoomLedger.State, StatusReply<RoomLedger.Departure>> leave(String id) {
    return ledger.runCommand(replyTo -> new RoomLedger.RecordLeave(id, 9, replyTo));
  }

  @Test
  void joinIsStoredBeforeItIsAcknowledgedAndTheFirstStoresWhatTheRoomIs() {
    RoomProfile duel = new RoomProfile("duel", true);
    var result = ledger.<StatusReply<RoomLedger.Member>>runCommand(
        replyTo -> new RoomLedger.RecordJoin("p1", "Ada", duel, replyTo));
    assertEquals(List.of(new RoomLedger.RoomOpened(duel), new RoomLedger.PlayerJoined("p1", "Ada")),
        result.events());
    assertEquals(new RoomLedger.Member("Ada", 0, true, 0, 0), result.reply().getValue());
    assertEquals(new RoomLedger.Member("Ada", 0, true, 0, 0), result.state().members().get("p1"));
    assertEquals(duel, result.state().profile());
    var second = ledger.<StatusReply<RoomLedger.Member>>runCommand(
        replyTo -> new RoomLedger.RecordJoin("p2", "Bob", RoomProfile.DEFAULT, replyTo));
    assertEquals(new RoomLedger.PlayerJoined("p2", "Bob"), second.event(), "a room is opened once");
    assertEquals(duel, second.state().profile());
  }

  @Test
  void repeatedJoinOrLeaveStoresNothingTwice() {
    join("p1", "Ada");
    assertTrue(ledger.<StatusReply<RoomLedger.Member>>runCommand(
        replyTo -> new RoomLedger.RecordJoin("p1", "Ada", RoomProfile.DEFAULT, replyTo)).hasNoEvents());
    leave("p1");
    var again = leave("p1");
    assertTrue(again.hasNoEvents());
    assertTrue(again.reply().isSuccess());
  }

  @Test
  void scoreNeverGoesDown() {
    join("p1", "Ada");
    assertEquals(new RoomLedger.ScoreChanged("p1", 3), score("p1", 3).event());
    var stale = score("p1", 2);
    assertTrue(stale.hasNoEvents(), "a late, lower write changes nothing");
    assertTrue(stale.reply().isSuccess());
    assertEquals(3, stale.state().members().get("p1").score());
  }

  @Test
  void scoreOfAnUnknownPlayerIsRefused() {
    var result = score("ghost", 1);
    assertTrue(result.hasNoEvents());
    assertTrue(result.reply().isError());
  }

  @Test
  void departedPlayerKeepsItsScoreAndGetsItBackOnRejoin() {
    join("p1", "Ada");
    score("p1", 5);
    leave("p1");
    assertFalse(ledger.getState().isPresent("p1"));
    assertEquals(5, ledger.getState().members().get("p1").score());
    assertEquals(new RoomLedger.Member("Ada", 5, true, 9, 0), join("p1", "Ada").getValue(),
        "the rejoin reply carries the stored score and last applied input");
  }

  @Test
  void leaveBeyondTheLimitForgetsTheLongestGone() {
    for (String id : List.of("p1", "p2", "p3", "p4")) {
      join(id, "Player " + id);
      score(id, 1);
    }
    leave("p2");
    leave("p1");
    join("p2", "Player p2"); // back, and gone again: now more recently gone than p1
    assertEquals(List.of(), leave("p2").reply().getValue().forgotten(), "two departed, two kept");

    var third = leave("p3");
    assertEquals(List.of("p1"), third.reply().getValue().forgotten(), "p1 left longest ago");
    assertEquals(new RoomLedger.DepartedForgotten(List.of("p1")), third.events().get(1));

    RoomLedger.State recovered = ledger.restart().state();
    assertEquals(Set.of("p2", "p3", "p4"), recovered.members().keySet(), "forgetting is durable too");
    assertEquals(1, recovered.members().get("p2").score(), "the kept keep their scores");
  }

  @Test
  void everythingAcknowledgedSurvivesARestart() {
    join("p1", "Ada");
    join("p2", "Bob");
    score("p1", 2);
    leave("p2");
    RoomLedger.Checkpoint checkpoint = new RoomLedger.Checkpoint(120, 1_000, 25,
        List.of(new RoomLedger.Body("p1", 10, 20, 7)), List.of(new Coin(24, 5, 6)));
    ledger.<StatusReply<Done>>runCommand(replyTo -> new RoomLedger.RecordCheckpoint(checkpoint, replyTo));

    RoomLedger.State recovered = ledger.restart().state();
    assertEquals(new RoomLedger.Member("Ada", 2, true, 0, 0), recovered.members().get("p1"));
    assertEquals(new RoomLedger.Member("Bob", 0, false, 9, 1), recovered.members().get("p2"));
    assertEquals(checkpoint, recovered.checkpoint());
  }

  @Test
  void stateSurvivesRestartAcrossSnapshots() {
    join("p1", "Ada");
    for (long points = 1; points <= 250; points++) {
      score("p1", points);
    }
    RoomLedger.State recovered = ledger.restart().state();
    assertEquals(250, recovered.members().get("p1").score());
    assertNull(recovered.checkpoint());
  }

  @Test
  void getStateAnswersWithoutWriting() {
    join("p1", "Ada");
    var result = ledger.<RoomLedger.State>runCommand(RoomLedger.GetState::new);
    assertTrue(result.hasNoEvents());
    assertTrue(result.reply().isPresent("p1"));
  }
}
