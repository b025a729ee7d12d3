package io.arena.games.tictactoe;

import io.arena.game.Game;
import io.arena.game.GameDefinition;
import io.arena.game.InputSchema;
import io.arena.game.RoomSetup;
import io.arena.game.Traits;
import io.arena.games.tictactoe.TicTacToeFact.Forfeited;
import io.arena.games.tictactoe.TicTacToeFact.Moved;
import io.arena.games.tictactoe.TicTacToeFact.RoundStarted;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Tic-tac-toe: turn-based, two seats, one input {@code cell} (0-8, row-major). */
public final class TicTacToeDefinition implements GameDefinition<TicTacToeFact> {
  public static final String ID = "tictactoe";
  private static final InputSchema INPUTS = InputSchema.of(InputSchema.integer("cell", 0, 8));

  // Journal tags: stored facts outlive this code, so a tag never changes meaning.
  private static final byte ROUND_STARTED = 1;
  private static final byte MOVED = 2;
  private static final byte FORFEITED = 3;

  @Override
  public String id() {
    return ID;
  }

  /** No tick, and two seats whatever the node's rooms have; the node's grace stands. */
  @Override
  public Traits traits(Traits nodeDefaults) {
    return new Traits(0, 2, nodeDefaults.disconnectGrace());
  }

  @Override
  public InputSchema inputs() {
    return INPUTS;
  }

  @Override
  public void writeFact(TicTacToeFact fact, DataOutput out) throws IOException {
    if (fact instanceof RoundStarted started) {
      out.writeByte(ROUND_STARTED);
      out.writeInt(started.round());
    } else if (fact instanceof Moved moved) {
      out.writeByte(MOVED);
      out.writeInt(moved.round());
      out.writeChar(moved.mark());
      out.writeByte(moved.cell());
      out.writeLong(moved.nextRoundAt());
    } else if (fact instanceof Forfeited forfeited) {
      out.writeByte(FORFEITED);
      out.writeInt(forfeited.round());
      out.writeUTF(forfeited.playerId());
      out.writeLong(forfeited.nextRoundAt());
    } else {
      throw new IllegalArgumentException("not a tic-tac-toe fact: " + fact);
    }
  }

  @Override
  public TicTacToeFact readFact(DataInput in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case ROUND_STARTED -> new RoundStarted(in.readInt());
      case MOVED -> new Moved(in.readInt(), in.readChar(), in.readByte(), in.readLong());
      case FORFEITED -> new Forfeited(in.readInt(), in.readUTF(), in.readLong());
      default -> throw new IOException("unknown tic-tac-toe fact " + tag);
    };
  }

  @Override
  public Game<TicTacToeFact> create(RoomSetup setup) {
    return new TicTacToeGame(setup);
  }
}
