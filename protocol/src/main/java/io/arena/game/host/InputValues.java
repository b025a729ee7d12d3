package io.arena.game.host;

import io.arena.game.Input;
import io.arena.game.InputSchema;

/**
 * An input's fields as the codec decoded them, one number per schema field (a choice as the index
 * of its option), read by the game through {@link Input}. One per room, pointed at each input in
 * turn: nothing is allocated per input.
 */
final class InputValues implements Input {
  private final InputSchema schema;
  private double[] values;

  InputValues(InputSchema schema) {
    this.schema = schema;
  }

  InputValues of(double[] decoded) {
    this.values = decoded;
    return this;
  }

  @Override
  public double number(int field) {
    return values[field];
  }

  @Override
  public long integer(int field) {
    return (long) values[field];
  }

  @Override
  public String choice(int field) {
    return schema.fields().get(field).options().get(choiceIndex(field));
  }

  @Override
  public int choiceIndex(int field) {
    return (int) values[field];
  }
}
