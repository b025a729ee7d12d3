package io.arena.game;

/**
 * Where a hook records facts: the durable outcomes of what happened (a move, a point, a result,
 * "the next round starts at T"). The room stores them, in order, then hands each to
 * {@link Game#apply}; until then nothing shows them. A hook that throws records nothing.
 */
public interface Facts<F> {
  void record(F fact);
}
