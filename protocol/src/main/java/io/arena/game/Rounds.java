package io.arena.game;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Seats, and the rounds played while every seat is taken, for turn-based games (tic-tac-toe and
 * rock-paper-scissors use it): who sits where and each seat's wins, the number of rounds started,
 * whether one runs, and when the next may start. It is durable state: a game changes it only from
 * {@link Game#joined}, {@link Game#left} and {@link Game#apply}, asks it from hooks whether a round
 * is due, and saves it with its own state.
 */
public final class Rounds {

  /** A seated player. Its wins count from when it sat down: a player who leaves gives them up. */
  public static final class Seat {
    private final String id;
    private final String name;
    private long wins;

    private Seat(String id, String name, long wins) {
      this.id = id;
      this.name = name;
      this.wins = wins;
    }

    public String id() {
      return id;
    }

    public String name() {
      return name;
    }

    public long wins() {
      return wins;
    }
  }

  private final Seat[] seats;
  private final long pauseMillis;
  /** Rounds started. */
  private int round;
  private boolean running;
  /** The earliest time the next round may start (0: at once). */
  private long nextRoundAt;

  /** {@code seats} seats; the next round starts {@code pauseMillis} after a result. */
  public Rounds(int seats, long pauseMillis) {
    this.seats = new Seat[seats];
    this.pauseMillis = pauseMillis;
  }

  // ---- seats ----

  /** Seats {@code player} in the first free seat; returns it, or -1 when none is free. */
  public int sit(Player player) {
    int seated = seatOf(player.id());
    if (seated >= 0) {
      return seated;
    }
    for (int seat = 0; seat < seats.length; seat++) {
      if (seats[seat] == null) {
        seats[seat] = new Seat(player.id(), player.name(), 0);
        return seat;
      }
    }
    return -1;
  }

  /**
   * Frees {@code playerId}'s seat; returns it, or -1 if it had none. A round still running stops
   * without a result: a forfeit the game recorded for the leave is applied before it, so this is
   * only a round whose end could not be recorded, which must not wait for a player who is gone.
   */
  public int stand(String playerId) {
    int seat = seatOf(playerId);
    if (seat >= 0) {
      seats[seat] = null;
      running = false;
    }
    return seat;
  }

  /** The seat of {@code playerId}, or -1. */
  public int seatOf(String playerId) {
    for (int seat = 0; seat < seats.length; seat++) {
      if (seats[seat] != null && seats[seat].id.equals(playerId)) {
        return seat;
      }
    }
    return -1;
  }

  /** Who sits in {@code seat}, or null. */
  public Seat at(int seat) {
    return seats[seat];
  }

  public int seats() {
    return seats.length;
  }

  public boolean full() {
    for (Seat seat : seats) {
      if (seat == null) {
        return false;
      }
    }
    return true;
  }

  public boolean empty() {
    for (Seat seat : seats) {
      if (seat != null) {
        return false;
      }
    }
    return true;
  }

  // ---- rounds ----

  /** Rounds started: 0 before the first. */
  public int round() {
    return round;
  }

  public boolean running() {
    return running;
  }

  /** Whether {@code round} is the round running now: a fact of an earlier one no longer applies. */
  public boolean isRunning(int round) {
    return running && this.round == round;
  }

  /** For a hook: whether the next round should start at {@code now} (every seat taken, pause over). */
  public boolean due(long now) {
    return !running && full() && now >= nextRoundAt;
  }

  /** For a hook: when the next round may start if a round ends at {@code now}. */
  public long nextRoundAfter(long now) {
    return now + pauseMillis;
  }

  /** For {@link Game#nextTimer}: the next round's start while one is due, else none. */
  public long nextTimer() {
    return !running && full() ? nextRoundAt : Game.NO_TIMER;
  }

  /** Applies the start of round {@code number}; false if it is not the next, or a seat is free. */
  public boolean start(int number) {
    if (running || number != round + 1 || !full()) {
      return false;
    }
    round = number;
    running = true;
    return true;
  }

  /**
   * Applies the end of the running round: {@code winnerSeat} (-1 for a draw, or a seat since freed)
   * scores; the next round may start at {@code nextRoundAt}.
   */
  public void end(int winnerSeat, long nextRoundAt) {
    running = false;
    if (winnerSeat >= 0 && seats[winnerSeat] != null) {
      seats[winnerSeat].wins++;
    }
    this.nextRoundAt = nextRoundAt;
  }

  // ---- checkpoints ----

  public void save(DataOutput out) throws IOException {
    for (Seat seat : seats) {
      out.writeBoolean(seat != null);
      if (seat != null) {
        out.writeUTF(seat.id);
        out.writeUTF(seat.name);
        out.writeLong(seat.wins);
      }
    }
    out.writeInt(round);
    out.writeBoolean(running);
    out.writeLong(nextRoundAt);
  }

  public void load(DataInput in) throws IOException {
    for (int seat = 0; seat < seats.length; seat++) {
      seats[seat] = in.readBoolean() ? new Seat(in.readUTF(), in.readUTF(), in.readLong()) : null;
    }
    round = in.readInt();
    running = in.readBoolean();
    nextRoundAt = in.readLong();
  }
}
