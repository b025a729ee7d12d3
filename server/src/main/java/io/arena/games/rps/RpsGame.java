package io.arena.games.rps;

import io.arena.game.Facts;
import io.arena.game.Game;
import io.arena.game.Input;
import io.arena.game.Player;
import io.arena.game.RoomSetup;
import io.arena.game.Rounds;
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

  /** The latest round that ended: its picks by player id, in seat order, and its winner's id or "draw". */
  private record Last(int round, Map<String, String> picks, String winner) {}

  private final RoomSetup setup;
  /** The two seats, their wins, and the rounds played. */
  private final Rounds rounds = new Rounds(2, PAUSE_MILLIS);
  /** By seat: this round's pick, null until made; secret while the round runs. */
  private final String[] picks = new String[2];
  private Last last;

  RpsGame(RoomSetup setup) {
    this.setup = setup;
  }

  // ---- durable ----

  /** The newcomer takes the first free seat (none with both taken: capacity 2 says it cannot happen). */
  @Override
  public void joined(Player player) {
    rounds.sit(player);
  }

  /** A round the leaver's forfeit could not end (see {@link Rounds#stand}) ends with no pick shown. */
  @Override
  public void left(Player player) {
    if (rounds.stand(player.id()) >= 0) {
      clearPicks();
    }
  }

  @Override
  public void apply(RpsFact fact) {
    if (fact instanceof RoundStarted started) {
      if (rounds.start(started.round())) {
        clearPicks();
      }
    } else if (fact instanceof Picked picked) {
      int seat = rounds.seatOf(picked.playerId());
      if (rounds.isRunning(picked.round()) && seat >= 0 && picks[seat] == null) {
        picks[seat] = picked.pick();
        String other = picks[1 - seat];
        if (other != null) {
          // the second pick ends the round in this same change: nobody ever sees both picks hidden
          int beats = Math.floorMod(PICKS.indexOf(picked.pick()) - PICKS.indexOf(other), 3);
          end(beats == 0 ? -1 : beats == 1 ? seat : 1 - seat, picked.nextRoundAt());
        }
      }
    } else if (fact instanceof Forfeited forfeited) {
      int seat = rounds.seatOf(forfeited.playerId());
      if (rounds.isRunning(forfeited.round()) && seat >= 0) {
        end(1 - seat, forfeited.nextRoundAt());
      }
    }
  }

  /**
   * The round is over: its picks become public in {@code last}, and {@code winnerSeat} scores (-1,
   * or a free seat, for a draw).
   */
  private void end(int winnerSeat, long nextRoundAt) {
    Map<String, String> made = new LinkedHashMap<>();
    for (int seat = 0; seat < picks.length; seat++) {
      if (rounds.at(seat) != null && picks[seat] != null) {
        made.put(rounds.at(seat).id(), picks[seat]);
      }
    }
    Rounds.Seat winner = winnerSeat < 0 ? null : rounds.at(winnerSeat);
    last = new Last(rounds.round(), made, winner == null ? DRAW : winner.id());
    rounds.end(winnerSeat, nextRoundAt);
    clearPicks();
  }

  // ---- hooks ----

  @Override
  public void onJoin(Player player, Facts<RpsFact> facts) {
    startIfDue(facts);
  }

  /** A player who leaves mid-round loses it; the time goes in the fact, for the next round's start. */
  @Override
  public void onLeave(Player player, Facts<RpsFact> facts) {
    if (rounds.running() && rounds.seatOf(player.id()) >= 0) {
      facts.record(new Forfeited(rounds.round(), player.id(), rounds.nextRoundAfter(setup.clock().millis())));
    }
  }

  @Override
  public Verdict onInput(Player player, Input input, Facts<RpsFact> facts) {
    if (!rounds.running()) {
      return Verdict.refuse("no round is running");
    }
    int seat = rounds.seatOf(player.id());
    if (seat < 0) {
      return Verdict.refuse("you have no seat");
    }
    if (picks[seat] != null) {
      return Verdict.refuse("you already picked this round");
    }
    facts.record(new Picked(rounds.round(), player.id(), input.choice(0),
        rounds.nextRoundAfter(setup.clock().millis())));
    return Verdict.ACCEPT;
  }

  /** From durable state only, so it survives failover: the next round's start, while one is due. */
  @Override
  public long nextTimer() {
    return rounds.nextTimer();
  }

  @Override
  public void onTimer(Facts<RpsFact> facts) {
    startIfDue(facts);
  }

  private void startIfDue(Facts<RpsFact> facts) {
    if (rounds.due(setup.clock().millis())) {
      facts.record(new RoundStarted(rounds.round() + 1));
    }
  }

  // ---- checkpoints: everything is durable ----

  @Override
  public void save(DataOutput out) throws IOException {
    rounds.save(out);
    for (String pick : picks) {
      out.writeUTF(pick == null ? "" : pick);
    }
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
    rounds.load(in);
    for (int seat = 0; seat < picks.length; seat++) {
      String pick = in.readUTF();
      picks[seat] = pick.isEmpty() ? null : pick;
    }
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
    out.integer("round", rounds.round());
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
      out.integer("wins", seat.wins());
      out.bool("picked", picks[i] != null);
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
    return rounds.seatOf(player.id()) >= 0;
  }

  /** {@code you: {pick}}: the player's own pick this round, or null. */
  @Override
  public void writeOwnView(Player player, ViewWriter out) {
    int seat = rounds.seatOf(player.id());
    out.beginObject("you");
    out.string("pick", seat >= 0 ? picks[seat] : null);
    out.endObject();
  }

  // ---- rules ----

  private void clearPicks() {
    picks[0] = null;
    picks[1] = null;
  }
}
