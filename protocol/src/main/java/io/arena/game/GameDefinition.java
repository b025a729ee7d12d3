package io.arena.game;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A game a node can host: what it is, and how to make a room of it. Found with
 * {@link java.util.ServiceLoader}: a jar lists its definitions in
 * {@code META-INF/services/io.arena.game.GameDefinition}, and a node on whose class path it lies
 * hosts them (protocol/README.md section 12).
 *
 * @param <F> the game's facts: what it records, and what {@link Game#apply} changes state by
 */
public interface GameDefinition<F> {

  /** The id clients name in {@code join}: 1-32 characters of {@code [a-z0-9_-]}. */
  String id();

  /** Its tick rate, seats and disconnect grace, given the node's defaults. */
  Traits traits(Traits nodeDefaults);

  /** The fields of its {@code input}, besides {@code seq}, and their limits. */
  InputSchema inputs();

  /** Writes a fact to the journal: the same bytes read back as an equal fact. */
  void writeFact(F fact, DataOutput out) throws IOException;

  F readFact(DataInput in) throws IOException;

  /** A new room of this game: state as before any player came. */
  Game<F> create(RoomSetup setup);
}
