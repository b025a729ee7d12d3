package io.arena.games.arena;

import io.arena.game.Game;
import io.arena.game.GameDefinition;
import io.arena.game.InputSchema;
import io.arena.game.RoomSetup;
import io.arena.game.Traits;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The arena (protocol/README.md section 6), the default game: real-time at the node's tick rate
 * ({@code GAME_TICK_HZ}), as many seats as {@code GAME_ROOM_CAPACITY}, steered by {@code dx} and
 * {@code dy}.
 */
public final class ArenaDefinition implements GameDefinition<CoinPicked> {
  public static final String ID = "arena";
  private static final InputSchema INPUTS =
      InputSchema.of(InputSchema.number("dx", -1, 1), InputSchema.number("dy", -1, 1));

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
  public void writeFact(CoinPicked fact, DataOutput out) throws IOException {
    out.writeUTF(fact.playerId());
  }

  @Override
  public CoinPicked readFact(DataInput in) throws IOException {
    return new CoinPicked(in.readUTF());
  }

  @Override
  public Game<CoinPicked> create(RoomSetup setup) {
    return new ArenaGame(setup);
  }
}
