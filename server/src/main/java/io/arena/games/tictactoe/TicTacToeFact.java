package io.arena.games.tictactoe;

/**
 * What a tic-tac-toe room records. Each fact names its round, so one that arrives after its round
 * is over (a leave raced a winning move) is ignored rather than applied to the wrong round; and
 * each carries the time its hook read, so applying it again on recovery needs no clock.
 */
public sealed interface TicTacToeFact {

  /** Round {@code round} starts: both seats are taken and the pause after the last result is over. */
  record RoundStarted(int round) implements TicTacToeFact {}

  /**
   * {@code mark} ('X' or 'O') goes on {@code cell} (0-8, row-major). {@code nextRoundAt}: when the
   * next round may start, should this move end the round.
   */
  record Moved(int round, char mark, int cell, long nextRoundAt) implements TicTacToeFact {}

  /** {@code playerId} left during the round, which it loses; the next round may start at {@code nextRoundAt}. */
  record Forfeited(int round, String playerId, long nextRoundAt) implements TicTacToeFact {}
}
