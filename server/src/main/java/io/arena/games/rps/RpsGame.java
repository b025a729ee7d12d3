package io.arena.games.rps;

import io.arena.game.Facts;
import io.arena.game.Game;
import io.arena.game.Input;
import io.arena.game.Player;
import io.arena.game.RoomSetup;
import io.arena.game.Verdict;
import io.arena.game.ViewWriter;
import io.arena.games.rps.RpsFact.Forfeited;
import io.arena.games.rps.RpsFact.Picked;
import io.arena.games.rps.RpsFact.RoundStarted;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rock-paper-scissors room. Two seats; in each round both pick once, and the second pick ends
 * it. A round runs while both seats are taken; the next starts {@link #PAUSE_MILLIS} after a result,
 * or once both seats are taken again if later.
 *
 * <p>A pick made this round is secret until the round ends: the shared view says only whether a
 * player has picked, and the pick itself is in its own view ({@code you}). All state is durable
 * (there is no live state): it changes only in joined, left and apply.
 */
final class RpsGame implements Game<RpsFact> {
  /** How long a result shows before the next round starts. */
  static final long PAUSE_MILLIS = 3000;
  static final String DRAW = "draw";
  /** Each beats the one before it, cyclically: paper beats rock, scissors paper, rock scissors. */
  private static final List<String> PICKS = List.of("rock", "paper", "scissors");

  /** A seated player: wins count from when it sat down (a player who leaves gives up its seat). */
  private static final class Seat {
    final String id;
    final String name;
    long wins;
    /** This round's pick, null until made; secret while the round runs. */
    String pick;

    Seat(String id, String name, long wins, String pick) {
      this.id = id;
      this.name = name;
      this.wins = wins;
      this.pick = pick;
    }
  }

  /** The latest round that ended: its picks by player id, in seat order, and its winner's id or "draw". */
  private record Last(int round, Map<String, String> picks, String winner) {}

  private final RoomSetup setup;
  private final Seat[] seats = new Seat[2];
  /** Rounds started. */
  private int round;
  private boolean running;
  /** The earliest time the next round may start (0: at once). */
  private long nextRoundAt;
  private Last last;

  RpsGame(RoomSetup setup) {
    this.setup = setup;
  }

  // ---- durable ----

  /** The newcomer takes the first free seat (none with both taken: capacity 2 says it cannot happen). */
  @Override
  public void joined(Player player) {
    if (seatOf(player.id()) >= 0) {
      return;
    }
    int free = seats[0] == null ? 0 : seats[1] == null ? 1 : -1;
    if (free >= 0) {
      seats[free] = new Seat(player.id(), player.name(), 0, null);
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
    if (running) {
      running = false;
      clearPicks();
    }
  }

  @Override
  public void apply(RpsFact fact) {
    if (fact instanceof RoundStarted started) {
      if (!running && started.round() == round + 1 && bothSeated()) {
        round = started.round();
        running = true;
        clearPicks();
      }
    } else if (fact instanceof Picked picked) {
      int seat = seatOf(picked.playerId());
      if (running && picked.round() == round && seat >= 0 && seats[seat].pick == null) {
        seats[seat].pick = picked.pick();
        String other = seats[1 - seat].pick;
        if (other != null) {
          // the second pick ends the round in this same change: nobody ever sees both picks hidden
          int beats = Math.floorMod(PICKS.indexOf(picked.pick()) - PICKS.indexOf(other), 3);
          String winner = beats == 0 ? DRAW : beats == 1 ? picked.playerId() : seats[1 - seat].id;
          end(winner, picked.nextRoundAt());
        }
      }
    } else if (fact instanceof Forfeited forfeited) {
      int seat = seatOf(forfeited.playerId());
      if (running && forfeited.round() == round && seat >= 0) {
        Seat stayed = seats[1 - seat];
        end(stayed == null ? DRAW : stayed.id, forfeited.nextRoundAt());
      }
    }
  }

  /** The round is over: its picks become public in {@code last}, and the winner scores. */
  private void end(String winner, long nextRoundAt) {
    Map<String, String> picks = new LinkedHashMap<>();
    for (Seat seat : seats) {
      if (seat != null && seat.pick != null) {
        picks.put(seat.id, seat.pick);
      }
      if (seat != null && seat.id.equals(winner)) {
        seat.wins++;
      }
    }
    last = new Last(round, picks, winner);
    running = false;
    clearPicks();
    this.nextRoundAt = nextRoundAt;
  }

  // ---- hooks ----

  @Override
  public void onJoin(Player player, Facts<RpsFact> facts) {
    startIfDue(facts);
  }

  /** A player who leaves mid-round loses it; the time goes in the fact, for the next round's start. */
  @Override
  public void onLeave(Player player, Facts<RpsFact> facts) {
    if (running && seatOf(player.id()) >= 0) {
      facts.record(new Forfeited(round, player.id(), setup.clock().millis() + PAUSE_MILLIS));
    }
  }

  @Override
  public Verdict onInput(Player player, Input input, Facts<RpsFact> facts) {
    if (!running) {
      return Verdict.refuse("no round is running");
    }
    int seat = seatOf(player.id());
    if (seat < 0) {
      return Verdict.refuse("you have no seat");
    }
    if (seats[seat].pick != null) {
      return Verdict.refuse("you already picked this round");
    }
    facts.record(new Picked(round, player.id(), input.choice(0),
        setup.clock().millis() + PAUSE_MILLIS));
    return Verdict.ACCEPT;
  }

  /** From durable state only, so it survives failover: the next round's start, while one is due. */
  @Override
  public long nextTimer() {
    return !running && bothSeated() ? nextRoundAt : NO_TIMER;
  }

  @Override
  public void onTimer(Facts<RpsFact> facts) {
    startIfDue(facts);
  }

  private void startIfDue(Facts<RpsFact> facts) {
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
        out.writeUTF(seat.pick == null ? "" : seat.pick);
      }
    }
    out.writeInt(round);
    out.writeBoolean(running);
    out.writeLong(nextRoundAt);
    out.writeBoolean(last != null);
    if (last != null) {
      out.writeInt(last.round());
      out.writeInt(last.picks().size());
      for (Map.Entry<String, String> pick : last.picks().entrySet()) {
        out.writeUTF(pick.getKey());
        out.writeUTF(pick.getValue());
      }
      out.writeUTF(last.winner());
    }
  }

  @Override
  public void load(DataInput in) throws IOException {
    for (int i = 0; i < seats.length; i++) {
      seats[i] = null;
      if (in.readBoolean()) {
        String id = in.readUTF();
        String name = in.readUTF();
        long wins = in.readLong();
        String pick = in.readUTF();
        seats[i] = new Seat(id, name, wins, pick.isEmpty() ? null : pick);
      }
    }
    round = in.readInt();
    running = in.readBoolean();
    nextRoundAt = in.readLong();
    last = null;
    if (in.readBoolean()) {
      int lastRound = in.readInt();
      Map<String, String> picks = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        picks.put(in.readUTF(), in.readUTF());
      }
      last = new Last(lastRound, picks, in.readUTF());
    }
  }

  // ---- views ----

  /**
   * {@code round, players, last}; never a pick of the round that runs. Players are listed by seat:
   * seat 0 (the first player's) first; a newcomer is listed where the seat it took is.
   */
  @Override
  public void writeView(ViewWriter out) {
    out.integer("round", round);
    out.beginArray("players");
    for (Seat seat : seats) {
      if (seat == null) {
        continue;
      }
      // find is null for a player not in the room (yet): during recovery it is not connected
      Player present = setup.players().find(seat.id);
      out.beginObject(null);
      out.string("id", seat.id);
      out.string("name", seat.name);
      out.integer("wins", seat.wins);
      out.bool("picked", seat.pick != null);
      out.bool("connected", present != null && present.connected());
      out.endObject();
    }
    out.endArray();
    if (last == null) {
      out.nil("last");
    } else {
      out.beginObject("last");
      out.integer("round", last.round());
      out.beginObject("picks");
      for (Map.Entry<String, String> pick : last.picks().entrySet()) {
        out.string(pick.getKey(), pick.getValue());
      }
      out.endObject();
      out.string("winner", last.winner());
      out.endObject();
    }
  }

  @Override
  public boolean hasOwnView(Player player) {
    return seatOf(player.id()) >= 0;
  }

  /** {@code you: {pick}}: the player's own pick this round, or null. */
  @Override
  public void writeOwnView(Player player, ViewWriter out) {
    int seat = seatOf(player.id());
    out.beginObject("you");
    out.string("pick", seat >= 0 ? seats[seat].pick : null);
    out.endObject();
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

  private void clearPicks() {
    for (Seat seat : seats) {
      if (seat != null) {
        seat.pick = null;
      }
    }
  }
}
