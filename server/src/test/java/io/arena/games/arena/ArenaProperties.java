package io.arena.games.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever players do, bodies and coins stay in the arena and every coin counts once; and once
 * they stop, the arena settles.
 */
class ArenaProperties {
  private record Step(int who, double dx, double dy) {}

  @Property(tries = 500)
  void bodiesAndCoinsStayInTheArenaAndSettleOnceBodiesStop(@ForAll long seed, @ForAll @IntRange(min = 1, max = 16) int players,
      @ForAll("steps") List<Step> steps) {
    Arena arena = new Arena(new SplittableRandom(seed), 1.0 / 20);
    List<Arena.Body> bodies = new ArrayList<>();
    for (int p = 0; p < players; p++) {
      bodies.add(arena.spawn("p" + p));
    }
    for (Step step : steps) {
      arena.steer(bodies.get(step.who() % players), step.dx(), step.dy());
      List<String> pickers = arena.step();
      assertTrue(pickers.size() <= Arena.COIN_COUNT);
      pickers.forEach(picker -> assertTrue(picker.matches("p\\d+")));
      for (Arena.Body body : bodies) {
        assertTrue(body.x >= 0 && body.x <= Arena.SIZE && body.y >= 0 && body.y <= Arena.SIZE);
        assertTrue(Math.hypot(body.dx, body.dy) <= 1 + 1e-9, "input clamped to the unit disc");
      }
      List<Coin> coins = arena.coins();
      assertEquals(Arena.COIN_COUNT, coins.size());
      coins.forEach(coin -> assertTrue(coin.x() >= 0 && coin.x() <= Arena.SIZE
          && coin.y() >= 0 && coin.y() <= Arena.SIZE));
    }
    assertSettlesOnceBodiesStop(arena, bodies);
  }

  /**
   * Once settled, steps change nothing: a room nobody watches may skip them (protocol/README.md
   * section 12.6).
   */
  private static void assertSettlesOnceBodiesStop(Arena arena, List<Arena.Body> bodies) {
    bodies.forEach(body -> arena.steer(body, 0, 0));
    // A coin may respawn within reach of a body that stands still: it is picked at the next step.
    for (int tick = 0; tick < 50 && !arena.isSettled(); tick++) {
      arena.step();
    }
    assertTrue(arena.isSettled(), "still bodies settle the arena within a few steps");
    List<Coin> coins = arena.coins();
    List<String> positions = bodies.stream().map(body -> body.x + "," + body.y).toList();
    for (int tick = 0; tick < 3; tick++) {
      assertEquals(List.of(), arena.step());
      assertTrue(arena.isSettled());
    }
    assertEquals(coins, arena.coins());
    assertEquals(positions, bodies.stream().map(body -> body.x + "," + body.y).toList());
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.integers().between(0, 15),
            Arbitraries.doubles().between(-1, 1), Arbitraries.doubles().between(-1, 1))
        .as(Step::new).list().ofMaxSize(400);
  }
}
