package io.arena.games.tictactoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.arena.game.kit.GameKit;
import io.arena.games.KitFrames;
import io.arena.game.kit.GameKit.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tic-tac-toe through the game kit: what each player's state frame shows after each step. */
class TicTacToeTest {
  private static final Duration PAUSE = Duration.ofMillis(TicTacToeGame.PAUSE_MILLIS);

  private final GameKit<TicTacToeFact> kit = GameKit.of(new TicTacToeDefinition());

  @AfterEach
  void noHookThrew() {
    assertEquals(List.of(), kit.failures());
  }

  /** Ann (X) and Bob (O) seated: round 1 runs. */
  private void seatAnnAndBob() {
    assertTrue(kit.join("ann").accepted());
    assertTrue(kit.join("bob").accepted());
  }

  private void play(String playerId, int... cells) {
    for (int cell : cells) {
      Reply reply = kit.input(playerId, "cell", cell);
      assertTrue(reply.accepted(), () -> playerId + " on " + cell + ": " + reply);
    }
  }

  /** Moves alternating between the two players, starting with {@code first}. */
  private void moves(String first, String second, int... cells) {
    for (int i = 0; i < cells.length; i++) {
      play(i % 2 == 0 ? first : second, cells[i]);
    }
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

  private static String mark(JsonNode state, String id) {
    return player(state, id).get("mark").asText();
  }

  private static long wins(JsonNode state, String id) {
    return player(state, id).get("wins").asLong();
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
  void firstPlayerIsXAloneWithNoRoundRunning() {
    kit.join("ann", "Ann");
    JsonNode state = state("ann");
    assertEquals(0, state.get("round").asInt());
    assertEquals(".........", state.get("board").asText());
    assertTrue(state.get("turn").isNull());
    assertTrue(state.get("result").isNull());
    assertEquals(1, state.get("players").size());
    JsonNode ann = player(state, "ann");
    assertEquals("Ann", ann.get("name").asText());
    assertEquals("X", ann.get("mark").asText());
    assertEquals(0, ann.get("wins").asInt());
    assertTrue(ann.get("connected").asBoolean());
  }

  @Test
  void secondPlayerIsOAndTheFirstRoundStartsWithXToMove() {
    seatAnnAndBob();
    JsonNode state = state("bob");
    assertEquals(1, state.get("round").asInt());
    assertEquals("X", mark(state, "ann"));
    assertEquals("O", mark(state, "bob"));
    assertEquals("ann", state.get("turn").asText());
    assertEquals(".........", state.get("board").asText());
    assertTrue(state.get("result").isNull());
    assertEquals("ann", state.get("players").get(0).get("id").asText(), "listed by seat");
  }

  @Test
  void thirdPlayerFindsTheRoomFull() {
    seatAnnAndBob();
    assertEquals("room_full", kit.join("cat").error());
  }

  @Test
  void movesFillTheBoardRowMajorAndPassTheTurn() {
    seatAnnAndBob();
    play("ann", 4);
    assertEquals("....X....", state("bob").get("board").asText());
    assertEquals("bob", state("bob").get("turn").asText());
    play("bob", 8);
    assertEquals("....X...O", state("ann").get("board").asText());
    assertEquals("ann", state("ann").get("turn").asText());
  }

  @Test
  void oMovingFirstIsNotItsTurn() {
    seatAnnAndBob();
    assertRefused("it is not your turn", kit.input("bob", "cell", 0));
    assertEquals(".........", state("ann").get("board").asText());
  }

  @Test
  void movingTwiceInARowIsNotYourTurn() {
    seatAnnAndBob();
    play("ann", 0);
    assertRefused("it is not your turn", kit.input("ann", "cell", 1));
  }

  @Test
  void takenCellIsBadMove() {
    seatAnnAndBob();
    play("ann", 0);
    assertRefused("cell 0 is taken", kit.input("bob", "cell", 0));
    assertEquals("bob", state("bob").get("turn").asText());
  }

  @Test
  void moveWithNoRoundRunningIsBadMove() {
    kit.join("ann");
    assertRefused("no round is running", kit.input("ann", "cell", 0));
  }

  @Test
  void cellOutsideTheBoardIsRefusedByTheSchema() {
    seatAnnAndBob();
    assertEquals("bad_message", kit.input("ann", "cell", 9).error());
    assertEquals("bad_message", kit.input("ann", "cell", -1).error());
    assertEquals("bad_message", kit.input("ann").error());
  }

  @Test
  void threeInARowWinsAndTheSameFrameShowsResultAndWins() {
    seatAnnAndBob();
    moves("ann", "bob", 0, 3, 1, 4, 2); // X takes the top row
    JsonNode state = state("bob");
    assertEquals("XXXOO....", state.get("board").asText());
    assertEquals("X", state.get("result").asText());
    assertTrue(state.get("turn").isNull());
    assertEquals(1, wins(state, "ann"));
    assertEquals(0, wins(state, "bob"));
    assertEquals(1, state.get("round").asInt());
    assertRefused("no round is running", kit.input("bob", "cell", 5));
  }

  @Test
  void diagonalWinForO() {
    seatAnnAndBob();
    moves("ann", "bob", 1, 0, 2, 4, 3, 8); // O takes 0, 4, 8
    JsonNode state = state("ann");
    assertEquals("O", state.get("result").asText());
    assertEquals(1, wins(state, "bob"));
    assertEquals(0, wins(state, "ann"));
  }

  @Test
  void fullBoardWithoutALineIsADraw() {
    seatAnnAndBob();
    // X O X / X O O / O X X
    moves("ann", "bob", 0, 1, 2, 4, 3, 5, 7, 6, 8);
    JsonNode state = state("ann");
    assertEquals("XOXXOOOXX", state.get("board").asText());
    assertEquals("draw", state.get("result").asText());
    assertTrue(state.get("turn").isNull());
    assertEquals(0, wins(state, "ann"));
    assertEquals(0, wins(state, "bob"));
  }

  @Test
  void nextRoundStartsThreeSecondsAfterTheResultWithMarksSwapped() {
    seatAnnAndBob();
    moves("ann", "bob", 0, 3, 1, 4, 2);
    kit.advance(PAUSE.minusMillis(1));
    assertEquals(1, state("ann").get("round").asInt());
    assertEquals("X", state("ann").get("result").asText());

    kit.advance(Duration.ofMillis(1));
    JsonNode state = state("ann");
    assertEquals(2, state.get("round").asInt());
    assertEquals(".........", state.get("board").asText());
    assertTrue(state.get("result").isNull());
    assertEquals("O", mark(state, "ann"));
    assertEquals("X", mark(state, "bob"));
    assertEquals("bob", state.get("turn").asText(), "the other player starts");
    assertEquals(1, wins(state, "ann"), "wins carry over");
    assertEquals("ann", state.get("players").get(0).get("id").asText(), "seat order, not mark order");

    assertRefused("it is not your turn", kit.input("ann", "cell", 0));
    play("bob", 0);
    assertEquals("X........", state("ann").get("board").asText());
  }

  @Test
  void starterAlternatesEveryRound() {
    seatAnnAndBob();
    for (int round = 1; round <= 4; round++) {
      String starter = round % 2 == 1 ? "ann" : "bob";
      String other = round % 2 == 1 ? "bob" : "ann";
      assertEquals(round, state("ann").get("round").asInt());
      assertEquals(starter, state("ann").get("turn").asText());
      moves(starter, other, 0, 3, 1, 4, 2);
      kit.advance(PAUSE);
    }
    assertEquals(2, wins(state("ann"), "ann"));
    assertEquals(2, wins(state("ann"), "bob"));
  }

  @Test
  void leavingMidRoundLosesTheRoundForTheLeaver() {
    seatAnnAndBob();
    play("ann", 4);
    kit.leave("ann");
    JsonNode state = state("bob");
    assertEquals("O", state.get("result").asText());
    assertEquals(1, wins(state, "bob"));
    assertTrue(state.get("turn").isNull());
    assertEquals("....X....", state.get("board").asText(), "the board shows how it stood");
    assertEquals(1, state.get("players").size());
    assertEquals(List.of("bob"), kit.players());
  }

  @Test
  void xWinsWhenOLeavesMidRound() {
    seatAnnAndBob();
    kit.leave("bob");
    assertEquals("X", state("ann").get("result").asText());
    assertEquals(1, wins(state("ann"), "ann"));
  }

  @Test
  void disconnectKeepsTheSeatUntilTheGraceEndsThenLosesTheRound() {
    seatAnnAndBob();
    play("ann", 0);
    kit.disconnect("bob");
    assertFalse(player(state("ann"), "bob").get("connected").asBoolean());
    kit.advance(Duration.ofSeconds(29));
    assertTrue(state("ann").get("result").isNull(), "bob keeps its seat for the grace");
    kit.reconnect("bob");
    assertTrue(player(state("ann"), "bob").get("connected").asBoolean());
    play("bob", 4);

    kit.disconnect("bob");
    kit.advance(Duration.ofSeconds(30));
    JsonNode state = state("ann");
    assertEquals("X", state.get("result").asText());
    assertEquals(1, wins(state, "ann"));
    assertEquals(List.of("ann"), kit.players());
  }

  @Test
  void leavingBetweenRoundsChangesNoScore() {
    seatAnnAndBob();
    moves("ann", "bob", 0, 3, 1, 4, 2);
    kit.leave("bob");
    JsonNode state = state("ann");
    assertEquals("X", state.get("result").asText());
    assertEquals(1, wins(state, "ann"));
  }

  @Test
  void newcomerTakesTheFreedSeatWithTheFreeMark() {
    seatAnnAndBob();
    kit.leave("ann"); // X's seat is free
    kit.join("cat");
    JsonNode state = state("cat");
    assertEquals("X", mark(state, "cat"));
    assertEquals("O", mark(state, "bob"));
    assertEquals(0, wins(state, "cat"));
    assertEquals("cat", state.get("players").get(0).get("id").asText(), "in the seat ann left");
    assertEquals(1, state.get("round").asInt(), "the pause after bob's win still runs");

    kit.advance(PAUSE);
    state = state("cat");
    assertEquals(2, state.get("round").asInt());
    assertEquals("X", mark(state, "bob"), "marks swap as every round");
    assertEquals("O", mark(state, "cat"));
    assertEquals("bob", state.get("turn").asText());
  }

  @Test
  void newcomerToTheOSeatGetsO() {
    seatAnnAndBob();
    kit.leave("bob");
    kit.join("cat");
    assertEquals("O", mark(state("cat"), "cat"));
    assertEquals("X", mark(state("cat"), "ann"));
  }

  @Test
  void nextRoundWaitsUntilBothSeatsAreTakenAgain() {
    seatAnnAndBob();
    kit.leave("bob");
    kit.advance(Duration.ofSeconds(10));
    JsonNode state = state("ann");
    assertEquals(1, state.get("round").asInt());
    assertTrue(state.get("turn").isNull());
    assertRefused("no round is running", kit.input("ann", "cell", 0));

    kit.join("cat"); // the pause is long over: the round starts at once
    state = state("ann");
    assertEquals(2, state.get("round").asInt());
    assertEquals(".........", state.get("board").asText());
    assertEquals("O", mark(state, "ann"));
    assertEquals("cat", state.get("turn").asText());
  }

  @Test
  void emptyRoomSeatsItsNextPlayerAsX() {
    seatAnnAndBob();
    kit.leave("ann");
    kit.leave("bob");
    kit.advance(PAUSE);
    kit.join("cat");
    kit.join("dan");
    JsonNode state = state("cat");
    assertEquals("X", mark(state, "cat"));
    assertEquals("O", mark(state, "dan"));
    assertEquals(2, state.get("round").asInt());
    assertEquals("cat", state.get("turn").asText());
  }

  @Test
  void crashRecoversTheCheckpointAndTheMovesStoredAfterIt() {
    seatAnnAndBob();
    play("ann", 0);
    kit.checkpoint();
    moves("bob", "ann", 3, 1, 4, 2); // ann wins round 1
    kit.advance(PAUSE);
    moves("bob", "ann", 8, 4); // round 2 under way
    JsonNode annBefore = shown("ann");
    JsonNode bobBefore = shown("bob");
    assertEquals("....O...X", annBefore.get("board").asText());

    kit.crash();
    assertFalse(player(state("ann"), "ann").get("connected").asBoolean(), "everyone lost its socket");
    kit.reconnect("ann");
    kit.reconnect("bob");

    assertEquals(annBefore, shown("ann"));
    assertEquals(bobBefore, shown("bob"));
    play("bob", 0);
    assertEquals("X...O...X", state("ann").get("board").asText());
  }

  @Test
  void crashWithoutACheckpointReplaysEverything() {
    seatAnnAndBob();
    moves("ann", "bob", 0, 3, 1, 4, 2);
    JsonNode before = shown("ann");
    kit.crash();
    kit.reconnect("ann");
    kit.reconnect("bob");
    assertEquals(before, shown("ann"));
  }

  @Test
  void crashDuringThePauseStartsTheNextRoundOnTime() {
    seatAnnAndBob();
    moves("ann", "bob", 0, 3, 1, 4, 2);
    kit.checkpoint();
    kit.advance(Duration.ofSeconds(1));
    kit.crash();
    kit.reconnect("ann");
    kit.reconnect("bob");
    kit.advance(Duration.ofMillis(1999));
    assertEquals(1, state("ann").get("round").asInt());
    kit.advance(Duration.ofMillis(1));
    assertEquals(2, state("ann").get("round").asInt());
    assertEquals("bob", state("ann").get("turn").asText());
  }

  @Test
  void heldMoveIsNotShownAndACrashLosesIt() {
    seatAnnAndBob();
    play("ann", 4);
    kit.checkpoint();
    JsonNode before = shown("bob");

    kit.holdWrites();
    play("bob", 0);
    assertEquals(before, shown("bob"), "nothing shows a move not stored");
    assertEquals("....X....", state("ann").get("board").asText());

    kit.crash();
    kit.reconnect("ann");
    kit.reconnect("bob");
    assertEquals(before, shown("bob"));
    assertEquals("bob", state("ann").get("turn").asText());
    play("bob", 8);
    assertEquals("....X...O", state("ann").get("board").asText());
  }

  @Test
  void heldMoveShowsOnceStored() {
    seatAnnAndBob();
    kit.holdWrites();
    play("ann", 4);
    assertEquals(".........", state("bob").get("board").asText());
    kit.releaseWrites();
    assertEquals("....X....", state("bob").get("board").asText());
    assertEquals("bob", state("bob").get("turn").asText());
  }

  @Test
  void factsCarryTheirRoundAndTheTimeTheNextRoundMayStart() {
    seatAnnAndBob();
    long start = kit.clock().millis();
    kit.checkpoint();
    moves("ann", "bob", 0, 3, 1, 4, 2);
    kit.advance(PAUSE);
    kit.leave("ann");
    List<TicTacToeFact> facts = kit.storedFacts();
    assertEquals(7, facts.size(), facts::toString);
    assertEquals(new TicTacToeFact.Moved(1, 'X', 0, start + PAUSE.toMillis()), facts.get(0));
    assertEquals(new TicTacToeFact.Moved(1, 'O', 3, start + PAUSE.toMillis()), facts.get(1));
    assertEquals(new TicTacToeFact.RoundStarted(2), facts.get(5));
    assertEquals(new TicTacToeFact.Forfeited(2, "ann", start + 2 * PAUSE.toMillis()), facts.get(6));
  }
}
