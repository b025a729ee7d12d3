package io.arena.game;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One room's game: plain state that its room drives on one thread (protocol/README.md section 12).
 *
 * <p><b>Durable state changes in four methods only</b>: {@link #joined}, {@link #left},
 * {@link #forgotten} and {@link #apply}. The room calls them once what they stand for is stored,
 * and calls them again, in the same order, when it recovers after a crash: they must make the same
 * durable change every time, and take no time or chance but what their arguments carry (live
 * state they touch, such as a spawn point, may differ).
 *
 * <p><b>Hooks</b> ({@code on...}) decide: they read the state, may use the clock and the random
 * source, and record facts. They run only live, never on recovery. What they record is shown once
 * stored and applied (G1). A hook that throws records nothing: its input is refused, its tick
 * skipped; the room counts and logs it and goes on.
 *
 * <p><b>Live state</b> (positions, inputs held) is what {@link #save} writes at each checkpoint,
 * with everything applied so far; after a crash the room loads the last checkpoint and applies
 * what was stored after it.
 */
public interface Game<F> {

  /** Returned by {@link #nextTimer} when no timer is set. */
  long NO_TIMER = Long.MAX_VALUE;

  // ---- durable: the only places durable state changes, live and on recovery ----

  /** A player's join is stored: it is in the room from now on. */
  void joined(Player player);

  /** A player's leave is stored (it left, or its disconnect grace ran out). */
  void left(Player player);

  /** A player who left is forgotten by the room (it can no longer resume): drop what you keep of it. */
  default void forgotten(String playerId) {}

  /** A fact a hook recorded, now stored. */
  void apply(F fact);

  // ---- hooks: live only ----

  /** Whether {@code player}, not in the room yet, may join; the room has a free seat for it. */
  default Verdict joinAttempt(Player player) {
    return Verdict.ACCEPT;
  }

  /** After {@link #joined}, live: a player came in. */
  default void onJoin(Player player, Facts<F> facts) {}

  /** Before the leave is stored: {@code player} is on its way out (it left or its grace ran out). */
  default void onLeave(Player player, Facts<F> facts) {}

  /** {@code player} lost its socket; it keeps its seat for the disconnect grace. */
  default void onDisconnect(Player player, Facts<F> facts) {}

  /** {@code player} is back on a socket within its grace (a resume or a failover). */
  default void onReconnect(Player player, Facts<F> facts) {}

  /** An input that passed the schema; refuse it to answer {@code bad_move} with the reason. */
  Verdict onInput(Player player, Input input, Facts<F> facts);

  /** One tick of a real-time game; never called for a turn-based one. */
  default void onTick(Facts<F> facts) {}

  /**
   * Whether a real-time game is at rest: the next {@link #onTick} would change nothing and record
   * nothing, nor would the ones after it until an input, a join or a fact comes. While it holds and
   * no player is connected, the room skips its ticks and takes no checkpoint (nothing changed), and
   * wakes for its timers twice a second; it ticks again as soon as a player connects, or at its next
   * wake if this turns false. The default, false, ticks the game always.
   */
  default boolean isAtRest() {
    return false;
  }

  /** The time ({@link RoomSetup#clock} millis) of the next {@link #onTimer}, or {@link #NO_TIMER}. */
  default long nextTimer() {
    return NO_TIMER;
  }

  /** The time {@link #nextTimer} named has come. Keep timers in durable state: they survive failover. */
  default void onTimer(Facts<F> facts) {}

  // ---- checkpoints ----

  /** Everything: durable state as applied so far, and live state. */
  void save(DataOutput out) throws IOException;

  /** Replaces the state of this new game with one {@link #save} wrote. */
  void load(DataInput in) throws IOException;

  // ---- views ----

  /** What every player sees. */
  void writeView(ViewWriter out);

  /** Whether {@code player} sees more than everyone: written by {@link #writeOwnView}, for it only. */
  default boolean hasOwnView(Player player) {
    return false;
  }

  /** The fields only {@code player} sees, written after the shared ones. */
  default void writeOwnView(Player player, ViewWriter out) {}

  /**
   * The tick's state in the game's own binary form, for sockets that asked for compact states;
   * null (the default) sends them the JSON text. Called once per tick, in order, only while such
   * a socket reads the room.
   */
  default BinaryFrames binaryState(String roomId, long tick, Acks acks) {
    return null;
  }
}
