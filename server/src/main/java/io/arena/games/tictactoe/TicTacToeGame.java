package io.arena.games.tictactoe;

import io.arena.game.Facts;
import io.arena.game.Game;
import io.arena.game.Input;
import io.arena.game.Player;
import io.arena.game.RoomSetup;
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

  /** A seated player: wins count from when it sat down (a player who leaves gives up its seat). */
  private static final class Seat {
    final String id;
    final String name;
    long wins;

    Seat(String id, String name, long wins) {
      this.id = id;
      this.name = name;
      this.wins = wins;
    }
  }

  private final RoomSetup setup;
  private final Seat[] seats = new Seat[2];
  /** The seat holding X this round (the other holds O). */
  private int xSeat;
  /**
   * Whether the next round passes X to the other seat: once a round has started, so the players
   * take turns to start; not for the first round of a room that was empty, whose first player is X.
   */
  private boolean swapNext;
  /** Rounds started. */
  private int round;
  private final char[] board = new char[9];
  private boolean running;
  /** "X", "O" or "draw" once the latest round has ended; null while it runs or before the first. */
  private String result;
  /** The earliest time the next round may start (0: at once). */
  private long nextRoundAt;

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
    if (seatOf(player.id()) >= 0) {
      return;
    }
    if (seats[0] == null && seats[1] == null) {
      xSeat = 0;
      swapNext = false;
    }
    int free = seats[0] == null ? 0 : seats[1] == null ? 1 : -1;
    if (free >= 0) {
      seats[free] = new Seat(player.id(), player.name(), 0);
    }
  }

  @Override
  public void left(Player player) {
    int seat = seatOf(player.id());
    if (seat < 0) {
      return;
    }
    seats[seat] = null;
    // onLeave records the forfeit stored before this leave. If it could not (it threw, or the
    // round's start was not stored yet when the player left, so onLeave saw no round), the round
    // is abandoned without a result rather than left waiting for a player who is gone.
    running = false;
  }

  @Override
  public void apply(TicTacToeFact fact) {
    if (fact instanceof RoundStarted started) {
      if (!running && started.round() == round + 1 && bothSeated()) {
        if (swapNext) {
          xSeat = 1 - xSeat;
        }
        swapNext = true;
        round = started.round();
        Arrays.fill(board, EMPTY);
        result = null;
        running = true;
      }
    } else if (fact instanceof Moved moved) {
      int cell = moved.cell();
      if (running && moved.round() == round && moved.mark() == toMove() && board[cell] == EMPTY) {
        board[cell] = moved.mark();
        if (hasLine(moved.mark())) {
          end(String.valueOf(moved.mark()), moved.nextRoundAt());
        } else if (isFull()) {
          end("draw", moved.nextRoundAt());
        }
      }
    } else if (fact instanceof Forfeited forfeited) {
      int seat = seatOf(forfeited.playerId());
      if (running && forfeited.round() == round && seat >= 0) {
        end(String.valueOf(markOf(1 - seat)), forfeited.nextRoundAt());
      }
    }
  }

  /** The round is over: {@code outcome} is "X", "O" or "draw"; the winner's seat scores. */
  private void end(String outcome, long nextRoundAt) {
    running = false;
    result = outcome;
    if (!outcome.equals("draw")) {
      Seat winner = seats[seatWith(outcome.charAt(0))];
      if (winner != null) {
        winner.wins++;
      }
    }
    this.nextRoundAt = nextRoundAt;
  }

  // ---- hooks ----

  @Override
  public void onJoin(Player player, Facts<TicTacToeFact> facts) {
    startIfDue(facts);
  }

  /** A player who leaves mid-round loses it; the time goes in the fact, for the next round's start. */
  @Override
  public void onLeave(Player player, Facts<TicTacToeFact> facts) {
    if (running && seatOf(player.id()) >= 0) {
      facts.record(new Forfeited(round, player.id(), setup.clock().millis() + PAUSE_MILLIS));
    }
  }

  @Override
  public Verdict onInput(Player player, Input input, Facts<TicTacToeFact> facts) {
    if (!running) {
      return Verdict.refuse("no round is running");
    }
    int seat = seatOf(player.id());
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
    facts.record(new Moved(round, mark, cell, setup.clock().millis() + PAUSE_MILLIS));
    return Verdict.ACCEPT;
  }

  /** From durable state only, so it survives failover: the next round's start, while one is due. */
  @Override
  public long nextTimer() {
    return !running && bothSeated() ? nextRoundAt : NO_TIMER;
  }

  @Override
  public void onTimer(Facts<TicTacToeFact> facts) {
    startIfDue(facts);
  }

  private void startIfDue(Facts<TicTacToeFact> facts) {
    if (!running && bothSeated() && setup.clock().millis() >= nextRoundAt) {
      facts.record(new RoundStarted(round + 1));
    }
  }

  // ---- checkpoints: everything is durable ----

  @Override
  public void save(DataOutput out) throws IOException {
    for (Seat seat : seats) {
      out.writeBoolean(seat != null);
      if (seat != null) {
        out.writeUTF(seat.id);
        out.writeUTF(seat.name);
        out.writeLong(seat.wins);
      }
    }
    out.writeByte(xSeat);
    out.writeBoolean(swapNext);
    out.writeInt(round);
    out.writeUTF(new String(board));
    out.writeBoolean(running);
    out.writeUTF(result == null ? "" : result);
    out.writeLong(nextRoundAt);
  }

  @Override
  public void load(DataInput in) throws IOException {
    for (int i = 0; i < seats.length; i++) {
      seats[i] = in.readBoolean() ? new Seat(in.readUTF(), in.readUTF(), in.readLong()) : null;
    }
    xSeat = in.readByte();
    swapNext = in.readBoolean();
    round = in.readInt();
    in.readUTF().getChars(0, board.length, board, 0);
    running = in.readBoolean();
    String saved = in.readUTF();
    result = saved.isEmpty() ? null : saved;
    nextRoundAt = in.readLong();
  }

  // ---- views ----

  /**
   * {@code round, board, turn, result, players}. Players are listed by seat: seat 0 (the first
   * player's, X in round 1) first. A player keeps its seat while it stays, so the order does not
   * change with the marks; a newcomer is listed where the seat it took is.
   */
  @Override
  public void writeView(ViewWriter out) {
    out.integer("round", round);
    out.string("board", new String(board));
    out.string("turn", running ? seats[seatWith(toMove())].id : null);
    out.string("result", result);
    out.beginArray("players");
    for (int i = 0; i < seats.length; i++) {
      Seat seat = seats[i];
      if (seat == null) {
        continue;
      }
      // find is null for a player not in the room (yet): during recovery it is not connected
      Player present = setup.players().find(seat.id);
      out.beginObject(null);
      out.string("id", seat.id);
      out.string("name", seat.name);
      out.string("mark", String.valueOf(markOf(i)));
      out.integer("wins", seat.wins);
      out.bool("connected", present != null && present.connected());
      out.endObject();
    }
    out.endArray();
  }

  // ---- rules ----

  private int seatOf(String playerId) {
    for (int i = 0; i < seats.length; i++) {
      if (seats[i] != null && seats[i].id.equals(playerId)) {
        return i;
      }
    }
    return -1;
  }

  private boolean bothSeated() {
    return seats[0] != null && seats[1] != null;
  }

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
