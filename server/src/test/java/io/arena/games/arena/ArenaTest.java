package io.arena.games.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The game rules (protocol/README.md section 6), on the arena alone (20 Hz: 10 units per tick at full speed). */
class ArenaTest {
  private static final double STEP = Arena.SPEED / 20;

  private static Arena arena() {
    return new Arena(new SplittableRandom(1), 1.0 / 20);
  }

  @Test
  void playerMovesBySpeedTimesTickAlongItsInput() {
    Arena arena = arena();
    Arena.Body body = arena.place("p", 500, 500);
    arena.steer(body, 1, 0);
    arena.step();
    assertEquals(500 + STEP, body.x, 1e-9);
    assertEquals(500, body.y, 1e-9);
    arena.steer(body, -0.5, 0.25);
    arena.step();
    assertEquals(500 + STEP - 0.5 * STEP, body.x, 1e-9);
    assertEquals(500 + 0.25 * STEP, body.y, 1e-9);
  }

  @Test
  void inputIsClampedToTheUnitDisc() {
    Arena arena = arena();
    Arena.Body body = arena.place("p", 500, 500);
    arena.steer(body, 1, 1);
    arena.step();
    assertEquals(STEP, Math.hypot(body.x - 500, body.y - 500), 1e-9, "diagonal moves at speed, not faster");
    assertEquals(body.x - 500, body.y - 500, 1e-9);
  }

  @Test
  void positionsAreClampedToTheArena() {
    Arena arena = arena();
    Arena.Body corner = arena.place("p", 3, 996);
    arena.steer(corner, -1, 1);
    for (int tick = 0; tick < 5; tick++) {
      arena.step();
    }
    assertEquals(0, corner.x, 1e-9);
    assertEquals(Arena.SIZE, corner.y, 1e-9);
    Arena.Body outside = arena.place("q", -50, 2000);
    assertEquals(0, outside.x, 1e-9);
    assertEquals(Arena.SIZE, outside.y, 1e-9);
  }

  @Test
  void roomKeepsTwentyCoinsInsideTheArena() {
    List<Coin> coins = arena().coins();
    assertEquals(Arena.COIN_COUNT, coins.size());
    for (Coin coin : coins) {
      assertTrue(coin.x() >= 0 && coin.x() <= Arena.SIZE && coin.y() >= 0 && coin.y() <= Arena.SIZE);
    }
  }

  @Test
  void coinWithinTwentyUnitsIsPickedUpAndRespawnsElsewhere() {
    Arena arena = arena();
    Coin target = arena.coins().get(3);
    // Just outside reach after the step: nothing happens.
    Arena.Body body = arena.place("p", target.x() - 20 - STEP - 0.5, target.y());
    arena.steer(body, 1, 0);
    assertEquals(List.of(), arena.step());
    // Now within 20 units at the end of the tick.
    assertEquals(List.of("p"), arena.step());
    Coin respawned = arena.coins().get(3);
    assertNotEquals(target.id(), respawned.id(), "a picked coin comes back as a new coin");
    assertEquals(Arena.COIN_COUNT, arena.coins().size());
    assertEquals(List.of(), arena.step(), "the same coin cannot be picked up twice");
  }

  @Test
  void earliestJoinedPlayerWinsACoinBothReach() {
    Arena arena = arena();
    Coin target = arena.coins().get(0);
    arena.place("first", target.x(), target.y());
    arena.place("second", target.x(), target.y());
    List<String> pickers = arena.step();
    assertTrue(pickers.contains("first"));
    assertTrue(!pickers.contains("second") || pickers.indexOf("second") > pickers.indexOf("first"));
  }

  @Test
  void arenaSettlesAStepAfterItsBodiesStopAndStirsWhenOneIsSteered() {
    Arena arena = arena();
    Arena.Body body = arena.place("p", 500, 500);
    assertFalse(arena.isSettled(), "a body placed may stand on a coin");
    arena.step();
    assertTrue(arena.isSettled(), "nothing moved, nothing picked");
    arena.steer(body, 0, 0);
    assertTrue(arena.isSettled(), "stopping a still body changes nothing");
    arena.steer(body, 0, 1);
    assertFalse(arena.isSettled());
    arena.step();
    assertFalse(arena.isSettled(), "it moved");
    arena.steer(body, 0, 0);
    assertFalse(arena.isSettled(), "settled only once a step shows nothing moves");
    arena.step();
    assertTrue(arena.isSettled());
  }

  @Test
  void sameSeedGivesTheSameArena() {
    assertEquals(arena().coins(), arena().coins());
  }
}
