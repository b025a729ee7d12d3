package io.arena.games.rps;

import io.arena.game.Game;
import io.arena.game.GameDefinition;
import io.arena.game.InputSchema;
import io.arena.game.RoomSetup;
import io.arena.game.Traits;
import io.arena.games.rps.RpsFact.Forfeited;
import io.arena.games.rps.RpsFact.Picked;
import io.arena.games.rps.RpsFact.RoundStarted;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Rock-paper-scissors: turn-based, two seats, one input {@code pick}. */
public final class RpsDefinition implements GameDefinition<RpsFact> {
  public static final String ID = "rps";
  private static final InputSchema INPUTS =
      InputSchema.of(InputSchema.choice("pick", "rock", "paper", "scissors"));

  // Journal tags: stored facts outlive this code, so a tag never changes meaning.
  private static final byte ROUND_STARTED = 1;
  private static final byte PICKED = 2;
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
  public void writeFact(RpsFact fact, DataOutput out) throws IOException {
    if (fact instanceof RoundStarted started) {
      out.writeByte(ROUND_STARTED);
      out.writeInt(started.round());
    } else if (fact instanceof Picked picked) {
      out.writeByte(PICKED);
      out.writeInt(picked.round());
      out.writeUTF(picked.playerId());
      out.writeUTF(picked.pick());
      out.writeLong(picked.nextRoundAt());
    } else if (fact instanceof Forfeited forfeited) {
      out.writeByte(FORFEITED);
      out.writeInt(forfeited.round());
      out.writeUTF(forfeited.playerId());
      out.writeLong(forfeited.nextRoundAt());
    } else {
      throw new IllegalArgumentException("not a rock-paper-scissors fact: " + fact);
    }
  }

  @Override
  public RpsFact readFact(DataInput in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case ROUND_STARTED -> new RoundStarted(in.readInt());
      case PICKED -> new Picked(in.readInt(), in.readUTF(), in.readUTF(), in.readLong());
      case FORFEITED -> new Forfeited(in.readInt(), in.readUTF(), in.readLong());
      default -> throw new IOException("unknown rock-paper-scissors fact " + tag);
    };
  }

  @Override
  public Game<RpsFact> create(RoomSetup setup) {
    return new RpsGame(setup);
  }
}
