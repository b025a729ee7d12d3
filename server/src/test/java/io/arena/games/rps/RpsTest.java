package io.arena.games.rps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arena.game.kit.GameKit;
import io.arena.games.KitFrames;
import io.arena.game.kit.GameKit.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rock-paper-scissors through the game kit: what each player's state frame shows after each step.
 * Player ids and names hold no pick's name, so a pick found in a frame's text is a leak.
 */
class RpsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PAUSE = Duration.ofMillis(RpsGame.PAUSE_MILLIS);
  private static final List<String> PICKS = List.of("rock", "paper", "scissors");

  private final GameKit<RpsFact> kit = GameKit.of(new RpsDefinition());

  @AfterEach
  void noHookThrew() {
    assertEquals(List.of(), kit.failures());
  }

  /** Ann and Bob seated: round 1 runs. */
  private void seatAnnAndBob() {
    assertTrue(kit.join("ann", "Ann").accepted());
    assertTrue(kit.join("bob", "Bob").accepted());
  }

  private void pick(String playerId, String pick) {
    Reply reply = kit.input(playerId, "pick", pick);
    assertTrue(reply.accepted(), () -> playerId + " picks " + pick + ": " + reply);
  }

  private JsonNode state(String playerId) {
    return KitFrames.state(kit, playerId);
  }

  /** The frame without {@code tick}, which counts every change (a reconnect too). */
  private JsonNode shown(String playerId) {
    return KitFrames.shown(kit, playerId);
  }

  private static JsonNode player(JsonNode state, String id) {
    return KitFrames.player(state, id);
  }

  private static long wins(JsonNode state, String id) {
    return player(state, id).get("wins").asLong();
  }

  private static boolean picked(JsonNode state, String id) {
    return player(state, id).get("picked").asBoolean();
  }

  private static JsonNode yourPick(JsonNode state) {
    return state.get("you").get("pick");
  }

  private static Map<String, Object> picks(JsonNode state) {
    return JSON.convertValue(state.get("last").get("picks"), Map.class);
  }

  private void assertNoPickIn(String playerId) {
    String frame = kit.state(playerId);
    for (String pick : PICKS) {
      assertFalse(frame.contains(pick), () -> playerId + " sees a pick: " + frame);
    }
  }

  private void assertRefused(String reason, Reply reply) {
    assertEquals("bad_move", reply.error());
    assertEquals(reason, reply.message());
  }

  @Test
  void isTurnBasedWithTwoSeatsAndTheNodesGrace() {
    assertEquals(0, kit.traits().tickHz());
    assertEquals(2, kit.traits().capacity());
    assertEquals(Duration.ofSeconds(30), kit.traits().disconnectGrace());
  }

  @Test
  void firstPlayerAloneWaitsWithNoRoundRunning() {
    kit.join("ann", "Ann");
    JsonNode state = state("ann");
    assertEquals(0, state.get("round").asInt());
    assertTrue(state.get("last").isNull());
    JsonNode ann = player(state, "ann");
    assertEquals("Ann", ann.get("name").asText());
    assertEquals(0, ann.get("wins").asInt());
    assertFalse(ann.get("picked").asBoolean());
    assertTrue(ann.get("connected").asBoolean());
    assertTrue(yourPick(state).isNull());
    assertRefused("no round is running", kit.input("ann", "pick", "rock"));
  }

  @Test
  void firstRoundStartsWhenBothSeatsAreTaken() {
    seatAnnAndBob();
    JsonNode state = state("bob");
    assertEquals(1, state.get("round").asInt());
    assertEquals(2, state.get("players").size());
    assertEquals("ann", state.get("players").get(0).get("id").asText(), "listed by seat");
    assertFalse(picked(state, "ann"));
    assertFalse(picked(state, "bob"));
    assertTrue(state.get("last").isNull());
    assertTrue(yourPick(state).isNull());
    assertEquals("room_full", kit.join("cat").error());
  }

  @Test
  void ownPickShowsInThePickersFrameOnly() {
    seatAnnAndBob();
    pick("ann", "scissors");
    JsonNode ann = state("ann");
    assertEquals("scissors", yourPick(ann).asText());
    assertTrue(picked(ann, "ann"));
    JsonNode bob = state("bob");
    assertTrue(picked(bob, "ann"), "bob may know that ann picked");
    assertTrue(yourPick(bob).isNull());
    assertNoPickIn("bob");
  }

  @Test
  void noPickReachesTheOtherPlayerBeforeBothPicked() {
    seatAnnAndBob();
    // Each round ann picks what the last round's result does not show, so its text is a leak.
    List<String> annPicks = List.of("rock", "scissors", "paper");
    List<String> bobPicks = List.of("paper", "rock", "scissors");
    for (int round = 0; round < 3; round++) {
      String secret = annPicks.get(round);
      pick("ann", secret);
      String bobSees = kit.state("bob");
      assertFalse(bobSees.contains(secret), bobSees);
      String annSees = kit.state("ann");
      assertEquals(secret, yourPick(state("ann")).asText());
      assertEquals(annSees.indexOf(secret), annSees.lastIndexOf(secret), "only in ann's own view");
      String players = state("ann").get("players").toString() + state("bob").get("players");
      assertFalse(players.contains(secret), players);

      pick("bob", bobPicks.get(round));
      assertEquals(secret, picks(state("bob")).get("ann"), "shown once both picked");
      kit.advance(PAUSE);
    }
  }

  @Test
  void secondPickInTheSameRoundIsBadMove() {
    seatAnnAndBob();
    pick("ann", "rock");
    assertRefused("you already picked this round", kit.input("ann", "pick", "paper"));
    assertEquals("rock", yourPick(state("ann")).asText());
  }

  @Test
  void pickBetweenRoundsIsBadMove() {
    seatAnnAndBob();
    pick("ann", "rock");
    pick("bob", "rock");
    assertRefused("no round is running", kit.input("ann", "pick", "paper"));
  }

  @Test
  void pickOutsideTheChoicesIsRefusedByTheSchema() {
    seatAnnAndBob();
    assertEquals("bad_message", kit.input("ann", "pick", "lizard").error());
    assertEquals("bad_message", kit.input("ann").error());
  }

  @Test
  void secondPickEndsTheRoundShowingBothPicksAndTheWinner() {
    seatAnnAndBob();
    pick("bob", "rock");
    pick("ann", "paper");
    JsonNode state = state("bob");
    JsonNode last = state.get("last");
    assertEquals(1, last.get("round").asInt());
    assertEquals(Map.of("ann", "paper", "bob", "rock"), picks(state));
    assertEquals("ann", last.get("winner").asText());
    assertEquals(1, wins(state, "ann"));
    assertEquals(0, wins(state, "bob"));
    assertFalse(picked(state, "ann"));
    assertFalse(picked(state, "bob"));
    assertTrue(yourPick(state).isNull());
    assertEquals(1, state.get("round").asInt());
  }

  @Test
  void eachPickBeatsTheOneBeforeIt() {
    seatAnnAndBob();
    String[][] rounds = {
        {"paper", "rock", "ann"}, {"scissors", "paper", "ann"}, {"rock", "scissors", "ann"},
        {"rock", "paper", "bob"}, {"paper", "scissors", "bob"}, {"scissors", "rock", "bob"}};
    for (String[] round : rounds) {
      pick("ann", round[0]);
      pick("bob", round[1]);
      assertEquals(round[2], state("ann").get("last").get("winner").asText(),
          () -> round[0] + " against " + round[1]);
      kit.advance(PAUSE);
    }
    assertEquals(3, wins(state("ann"), "ann"));
    assertEquals(3, wins(state("ann"), "bob"));
    assertEquals(7, state("ann").get("round").asInt());
  }

  @Test
  void samePicksAreADraw() {
    seatAnnAndBob();
    pick("ann", "paper");
    pick("bob", "paper");
    JsonNode state = state("ann");
    assertEquals("draw", state.get("last").get("winner").asText());
    assertEquals(Map.of("ann", "paper", "bob", "paper"), picks(state));
    assertEquals(0, wins(state, "ann"));
    assertEquals(0, wins(state, "bob"));
  }

  @Test
  void nextRoundStartsThreeSecondsAfterTheResult() {
    seatAnnAndBob();
    pick("ann", "rock");
    pick("bob", "scissors");
    kit.advance(PAUSE.minusMillis(1));
    assertEquals(1, state("ann").get("round").asInt());
    assertRefused("no round is running", kit.input("ann", "pick", "rock"));

    kit.advance(Duration.ofMillis(1));
    JsonNode state = state("ann");
    assertEquals(2, state.get("round").asInt());
    assertEquals(1, state.get("last").get("round").asInt(), "the last result stays shown");
    assertEquals(1, wins(state, "ann"));
    pick("bob", "paper");
    assertTrue(picked(state("ann"), "bob"));
  }

  @Test
  void leavingMidRoundGivesTheRoundToThePlayerWhoStayed() {
    seatAnnAndBob();
    pick("ann", "rock");
    kit.leave("bob");
    JsonNode state = state("ann");
    JsonNode last = state.get("last");
    assertEquals(1, last.get("round").asInt());
    assertEquals("ann", last.get("winner").asText());
    assertEquals(Map.of("ann", "rock"), picks(state));
    assertEquals(1, wins(state, "ann"));
    assertEquals(1, state.get("players").size());
    assertTrue(yourPick(state).isNull());
  }

  @Test
  void leaverWhoPickedStillLosesAndItsPickIsShown() {
    seatAnnAndBob();
    pick("bob", "paper");
    kit.leave("bob");
    JsonNode state = state("ann");
    assertEquals("ann", state.get("last").get("winner").asText());
    assertEquals(Map.of("bob", "paper"), picks(state));
    assertEquals(1, wins(state, "ann"));
  }

  @Test
  void graceRunningOutMidRoundLosesTheRound() {
    seatAnnAndBob();
    kit.disconnect("ann");
    assertFalse(player(state("bob"), "ann").get("connected").asBoolean());
    kit.advance(Duration.ofSeconds(30));
    JsonNode state = state("bob");
    assertEquals("bob", state.get("last").get("winner").asText());
    assertEquals(Map.of(), picks(state));
    assertEquals(List.of("bob"), kit.players());
  }

  @Test
  void newcomerTakesTheFreedSeatAndTheNextRoundWaitsForIt() {
    seatAnnAndBob();
    kit.leave("ann");
    kit.advance(Duration.ofSeconds(10));
    assertEquals(1, state("bob").get("round").asInt(), "no round with one seat taken");
    assertRefused("no round is running", kit.input("bob", "pick", "rock"));

    kit.join("cat");
    JsonNode state = state("cat");
    assertEquals(2, state.get("round").asInt());
    assertEquals("cat", state.get("players").get(0).get("id").asText(), "in the seat ann left");
    assertEquals(0, wins(state, "cat"));
    assertEquals(1, wins(state, "bob"));
    pick("cat", "rock");
    pick("bob", "paper");
    assertEquals("bob", state("cat").get("last").get("winner").asText());
  }

  @Test
  void crashRecoversTheCheckpointAndThePicksStoredAfterIt() {
    seatAnnAndBob();
    pick("ann", "rock");
    kit.checkpoint();
    pick("bob", "scissors"); // ann wins round 1
    kit.advance(PAUSE);
    pick("bob", "paper"); // round 2: bob has picked
    JsonNode annBefore = shown("ann");
    JsonNode bobBefore = shown("bob");
    assertEquals("paper", yourPick(bobBefore).asText());

    kit.crash();
    kit.reconnect("ann");
    kit.reconnect("bob");
    assertEquals(annBefore, shown("ann"));
    assertEquals(bobBefore, shown("bob"));
    assertFalse(kit.state("ann").contains("paper"), "bob's pick is still secret");

    assertRefused("you already picked this round", kit.input("bob", "pick", "rock"));
    pick("ann", "scissors");
    JsonNode state = state("bob");
    assertEquals("ann", state.get("last").get("winner").asText());
    assertEquals(2, wins(state, "ann"));
  }

  @Test
  void crashCheckpointedMidRoundKeepsTheSecretPick() {
    seatAnnAndBob();
    pick("ann", "scissors");
    kit.checkpoint();
    kit.crash();
    kit.reconnect("ann");
    kit.reconnect("bob");
    assertEquals("scissors", yourPick(state("ann")).asText());
    assertNoPickIn("bob");
    pick("bob", "rock");
    assertEquals("bob", state("ann").get("last").get("winner").asText());
  }

  @Test
  void heldPickIsNotShownAndACrashLosesIt() {
    seatAnnAndBob();
    kit.checkpoint();
    JsonNode annBefore = shown("ann");
    JsonNode bobBefore = shown("bob");

    kit.holdWrites();
    pick("ann", "rock");
    assertEquals(annBefore, shown("ann"), "nothing shows a pick not stored");
    assertEquals(bobBefore, shown("bob"));

    kit.crash();
    kit.reconnect("ann");
    kit.reconnect("bob");
    assertEquals(annBefore, shown("ann"));
    assertEquals(bobBefore, shown("bob"));
    pick("ann", "paper"); // its first pick was lost: it picks again
    assertEquals("paper", yourPick(state("ann")).asText());
  }

  @Test
  void factsCarryTheirRoundAndTheTimeTheNextRoundMayStart() {
    seatAnnAndBob();
    long start = kit.clock().millis();
    kit.checkpoint();
    pick("ann", "rock");
    pick("bob", "rock");
    kit.advance(PAUSE);
    kit.leave("ann");
    assertEquals(List.of(
        new RpsFact.Picked(1, "ann", "rock", start + PAUSE.toMillis()),
        new RpsFact.Picked(1, "bob", "rock", start + PAUSE.toMillis()),
        new RpsFact.RoundStarted(2),
        new RpsFact.Forfeited(2, "ann", start + 2 * PAUSE.toMillis())), kit.storedFacts());
  }
}
