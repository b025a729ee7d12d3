package io.arena.game.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.arena.game.Facts;
import io.arena.game.Game;
import io.arena.game.GameDefinition;
import io.arena.game.Input;
import io.arena.game.InputSchema;
import io.arena.game.Player;
import io.arena.game.RoomSetup;
import io.arena.game.Traits;
import io.arena.game.Verdict;
import io.arena.game.ViewWriter;
import java.io.DataInput;
import java.io.DataOutput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the driver does when a game's hook throws, apart from the room around it. */
class GameDriverTest {

  /** A game that cannot tell whether it is at rest: its {@code isAtRest} always throws. */
  private static final class Restless implements GameDefinition<Void>, Game<Void> {
    @Override
    public boolean isAtRest() {
      throw new IllegalStateException("no idea");
    }

    @Override
    public String id() {
      return "restless";
    }

    @Override
    public Traits traits(Traits nodeDefaults) {
      return nodeDefaults;
    }

    @Override
    public InputSchema inputs() {
      return InputSchema.of();
    }

    @Override
    public void writeFact(Void fact, DataOutput out) {}

    @Override
    public Void readFact(DataInput in) {
      return null;
    }

    @Override
    public Game<Void> create(RoomSetup setup) {
      return this;
    }

    @Override
    public void joined(Player player) {}

    @Override
    public void left(Player player) {}

    @Override
    public void apply(Void fact) {}

    @Override
    public Verdict onInput(Player player, Input input, Facts<Void> facts) {
      return Verdict.ACCEPT;
    }

    @Override
    public void save(DataOutput out) {}

    @Override
    public void load(DataInput in) {}

    @Override
    public void writeView(ViewWriter out) {}
  }

  @Test
  void aGameWhoseIsAtRestThrowsIsNeverAtRestAndIsReportedOnce() {
    List<String> reported = new ArrayList<>();
    GameDriver<Void> driver = new GameDriver<>(new Restless(),
        new RoomSetup("room", "default", Clock.systemUTC(), new SplittableRandom(1), 0.05, id -> null),
        (hook, error) -> reported.add(hook));
    for (int tick = 0; tick < 20; tick++) {
      assertFalse(driver.isAtRest());
    }
    assertEquals(List.of("isAtRest"), reported, "a second of ticks reports the failure once");
  }
}
