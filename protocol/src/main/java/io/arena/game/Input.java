package io.arena.game;

/**
 * An input's fields, decoded and checked against the game's {@link InputSchema}: field {@code i} is
 * the schema's i-th. Valid during the hook it is passed to.
 */
public interface Input {
  double number(int field);

  long integer(int field);

  /** The option picked, as the schema spells it. */
  String choice(int field);

  /** The index of the option picked among the schema's. */
  int choiceIndex(int field);
}
