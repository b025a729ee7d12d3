package io.arena.games.tictactoe;

import io.arena.game.Facts;
import io.arena.game.Game;
import io.arena.game.Input;
import io.arena.game.Player;
import io.arena.game.RoomSetup;
import io.arena.game.Rounds;
import io.arena.game.Verdict;
import io.arena.game.ViewWriter;
import io.arena.games.tictactoe.TicTacToeFact.Forfeited;
import io.arena.games.tictactoe.TicTacToeFact.Moved;
import io.arena.games.tictactoe.TicTacToeFact.RoundStarted;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * One tic-tac-toe room. Two seats; the seat that holds X moves first, and X passes to the other
 * seat at the start of every round after the first, so the players take turns to start (a
 * newcomer in a freed seat takes that seat's mark, and the next round swaps it as any other). A round
 * runs while both seats are taken; the next starts {@link #PAUSE_MILLIS} after a result, or once
 * both seats are taken again if later.
 *
 * <p>All state is durable (there is no live state): it changes only in joined, left and apply, and
 * whose turn it is follows from the board (X moves when the count of marks is even).
 */
final class TicTacToeGame implements Game<TicTacToeFact> {
  /** How long a result shows before the next round starts. */
  static final long PAUSE_MILLIS = 3000;
  private static final char EMPTY = '.';
  private static final int[][] LINES = {
      {0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {0, 3, 6}, {1, 4, 7}, {2, 5, 8}, {0, 4, 8}, {2, 4, 6}};

  private final RoomSetup setup;
  /** The two seats, their wins, and the rounds played. */
  private final Rounds rounds = new Rounds(2, PAUSE_MILLIS);
  /** The seat holding X this round (the other holds O). */
  private int xSeat;
  /**
   * Whether the next round passes X to the other seat: once a round has started, so the players
   * take turns to start; not for the first round of a room that was empty, whose first player is X.
   */
  private boolean swapNext;
  private final char[] board = new char[9];
  /** "X", "O" or "draw" once the latest round has ended; null while it runs or before the first. */
  private String result;

  TicTacToeGame(RoomSetup setup) {
    this.setup = setup;
    Arrays.fill(board, EMPTY);
  }

  // ---- durable ----

  /**
   * The newcomer takes a free seat and with it the free mark; in an empty room it takes X, as the
   * first player seated is X. With both seats taken it gets none (capacity 2 says it cannot happen).
   */
  @Override
  public void joined(Player player) {
    if (rounds.empty()) {
      xSeat = 0;
      swapNext = false;
    }
    rounds.sit(player);
  }

  @Override
  public void left(Player player) {
    rounds.stand(player.id());
  }

  @Override
  public void apply(TicTacToeFact fact) {
    if (fact instanceof RoundStarted started) {
      if (rounds.start(started.round())) {
        if (swapNext) {
          xSeat = 1 - xSeat;
        }
        swapNext = true;
        Arrays.fill(board, EMPTY);
        result = null;
      }
    } else if (fact instanceof Moved moved) {
      int cell = moved.cell();
      if (rounds.isRunning(moved.round()) && moved.mark() == toMove() && board[cell] == EMPTY) {
        board[cell] = moved.mark();
        if (hasLine(moved.mark())) {
          end(String.valueOf(moved.mark()), moved.nextRoundAt());
        } else if (isFull()) {
          end("draw", moved.nextRoundAt());
        }
      }
    } else if (fact instanceof Forfeited forfeited) {
      int seat = rounds.seatOf(forfeited.playerId());
      if (rounds.isRunning(forfeited.round()) && seat >= 0) {
        end(String.valueOf(markOf(1 - seat)), forfeited.nextRoundAt());
      }
    }
  }

  /** The round is over: {@code outcome} is "X", "O" or "draw"; the winner's seat scores. */
  private void end(String outcome, long nextRoundAt) {
    result = outcome;
    rounds.end(outcome.equals("draw") ? -1 : seatWith(outcome.charAt(0)), nextRoundAt);
  }

  // ---- hooks ----

  @Override
  public void onJoin(Player player, Facts<TicTacToeFact> facts) {
    startIfDue(facts);
  }

  /** A player who leaves mid-round loses it; the time goes in the fact, for the next round's start. */
  @Override
  public void onLeave(Player player, Facts<TicTacToeFact> facts) {
    if (rounds.running() && rounds.seatOf(player.id()) >= 0) {
      facts.record(new Forfeited(rounds.round(), player.id(), rounds.nextRoundAfter(setup.clock().millis())));
    }
  }

  @Override
  public Verdict onInput(Player player, Input input, Facts<TicTacToeFact> facts) {
    if (!rounds.running()) {
      return Verdict.refuse("no round is running");
    }
    int seat = rounds.seatOf(player.id());
    if (seat < 0) {
      return Verdict.refuse("you have no seat");
    }
    char mark = markOf(seat);
    if (mark != toMove()) {
      return Verdict.refuse("it is not your turn");
    }
    int cell = (int) input.integer(0);
    if (board[cell] != EMPTY) {
      return Verdict.refuse("cell " + cell + " is taken");
    }
    facts.record(new Moved(rounds.round(), mark, cell, rounds.nextRoundAfter(setup.clock().millis())));
    return Verdict.ACCEPT;
  }

  /** From durable state only, so it survives failover: the next round's start, while one is due. */
  @Override
  public long nextTimer() {
    return rounds.nextTimer();
  }

  @Override
  public void onTimer(Facts<TicTacToeFact> facts) {
    startIfDue(facts);
  }

  private void startIfDue(Facts<TicTacToeFact> facts) {
    if (rounds.due(setup.clock().millis())) {
      facts.record(new RoundStarted(rounds.round() + 1));
    }
  }

  // ---- checkpoints: everything is durable ----

  @Override
  public void save(DataOutput out) throws IOException {
    rounds.save(out);
    out.writeByte(xSeat);
    out.writeBoolean(swapNext);
    out.writeUTF(new String(board));
    out.writeUTF(result == null ? "" : result);
  }

  @Override
  public void load(DataInput in) throws IOException {
    rounds.load(in);
    xSeat = in.readByte();
    swapNext = in.readBoolean();
    in.readUTF().getChars(0, board.length, board, 0);
    String saved = in.readUTF();
    result = saved.isEmpty() ? null : saved;
  }

  // ---- views ----

  /**
   * {@code round, board, turn, result, players}. Players are listed by seat: seat 0 (the first
   * player's, X in round 1) first. A player keeps its seat while it stays, so the order does not
   * change with the marks; a newcomer is listed where the seat it took is.
   */
  @Override
  public void writeView(ViewWriter out) {
    out.integer("round", rounds.round());
    out.string("board", new String(board));
    out.string("turn", rounds.running() ? rounds.at(seatWith(toMove())).id() : null);
    out.string("result", result);
    out.beginArray("players");
    for (int i = 0; i < rounds.seats(); i++) {
      Rounds.Seat seat = rounds.at(i);
      if (seat == null) {
        continue;
      }
      // find is null for a player not in the room (yet): during recovery it is not connected
      Player present = setup.players().find(seat.id());
      out.beginObject(null);
      out.string("id", seat.id());
      out.string("name", seat.name());
      out.string("mark", String.valueOf(markOf(i)));
      out.integer("wins", seat.wins());
      out.bool("connected", present != null && present.connected());
      out.endObject();
    }
    out.endArray();
  }

  // ---- rules ----

  private char markOf(int seat) {
    return seat == xSeat ? 'X' : 'O';
  }

  private int seatWith(char mark) {
    return mark == 'X' ? xSeat : 1 - xSeat;
  }

  /** X moves first, so it is X's turn when the board holds an even number of marks. */
  private char toMove() {
    int marks = 0;
    for (char cell : board) {
      if (cell != EMPTY) {
        marks++;
      }
    }
    return marks % 2 == 0 ? 'X' : 'O';
  }

  private boolean hasLine(char mark) {
    for (int[] line : LINES) {
      if (board[line[0]] == mark && board[line[1]] == mark && board[line[2]] == mark) {
        return true;
      }
    }
    return false;
  }

  private boolean isFull() {
    for (char cell : board) {
      if (cell == EMPTY) {
        return false;
      }
    }
    return true;
  }
}
