package io.arena.server.testing;

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
import java.io.IOException;

/**
 * A game that throws when told to, for the tests of what a room does then (protocol/README.md
 * section 12.5): {@code {"fail":"input"}} throws in that input's hook, {@code {"fail":"tick"}}
 * makes every tick throw from then on (a live flag: the room that comes back from the store is
 * healthy). Counts its ticks and the points its inputs scored, which are facts.
 */
public final class FaultyGame implements GameDefinition<Long>, Game<Long> {
  public static final String ID = "faulty";
  private static final InputSchema INPUTS =
      InputSchema.of(InputSchema.choice("fail", "none", "input", "tick"));

  private long ticks;
  private long points;
  private boolean tickThrows;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Traits traits(Traits nodeDefaults) {
    return nodeDefaults;
  }

  @Override
  public InputSchema inputs() {
    return INPUTS;
  }

  @Override
  public void writeFact(Long fact, DataOutput out) throws IOException {
    out.writeLong(fact);
  }

  @Override
  public Long readFact(DataInput in) throws IOException {
    return in.readLong();
  }

  @Override
  public Game<Long> create(RoomSetup setup) {
    return new FaultyGame();
  }

  @Override
  public void joined(Player player) {}

  @Override
  public void left(Player player) {}

  @Override
  public void apply(Long fact) {
    points += fact;
  }

  @Override
  public Verdict onInput(Player player, Input input, Facts<Long> facts) {
    facts.record(1L); // dropped if this hook throws
    switch (input.choice(0)) {
      case "input" -> throw new IllegalStateException("told to fail on this input");
      case "tick" -> tickThrows = true;
      default -> { }
    }
    return Verdict.ACCEPT;
  }

  @Override
  public void onTick(Facts<Long> facts) {
    if (tickThrows) {
      throw new IllegalStateException("told to fail every tick");
    }
    ticks++;
  }

  @Override
  public void save(DataOutput out) throws IOException {
    out.writeLong(ticks);
    out.writeLong(points);
  }

  @Override
  public void load(DataInput in) throws IOException {
    ticks = in.readLong();
    points = in.readLong();
  }

  @Override
  public void writeView(ViewWriter out) {
    out.integer("ticks", ticks);
    out.integer("points", points);
  }
}
