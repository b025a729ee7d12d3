package io.arena.games.rps;

/**
 * What a rock-paper-scissors room records. Each fact names its round, so one that arrives after its
 * round is over is ignored; and each carries the time its hook read, so applying it again on
 * recovery needs no clock.
 */
public sealed interface RpsFact {

  /** Round {@code round} starts: both seats are taken and the pause after the last result is over. */
  record RoundStarted(int round) implements RpsFact {}

  /**
   * {@code playerId} picks {@code pick} ("rock", "paper" or "scissors"). {@code nextRoundAt}: when
   * the next round may start, should this pick end the round.
   */
  record Picked(int round, String playerId, String pick, long nextRoundAt) implements RpsFact {}

  /** {@code playerId} left during the round, which it loses; the next round may start at {@code nextRoundAt}. */
  record Forfeited(int round, String playerId, long nextRoundAt) implements RpsFact {}
}
