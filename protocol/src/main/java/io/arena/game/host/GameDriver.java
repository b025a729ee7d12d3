package io.arena.game.host;

import io.arena.game.Acks;
import io.arena.game.BinaryFrames;
import io.arena.game.Facts;
import io.arena.game.Game;
import io.arena.game.GameDefinition;
import io.arena.game.Player;
import io.arena.game.RoomSetup;
import io.arena.game.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one room's {@link Game} for whoever hosts it, the room actor or the test kit, so both drive
 * a game the same way (protocol/README.md section 12): hooks run in a fence (what a hook that throws
 * recorded is dropped, and the failure is reported, never thrown), facts are encoded as they are
 * recorded and decoded again to be applied (live and on recovery alike, so a codec that loses
 * something shows at once), and views are encoded once per format.
 */
public final class GameDriver<F> {

  /** Hears what went wrong inside the game: {@code hook} is the method's name. */
  public interface Failures {
    void failed(String hook, RuntimeException error);
  }

  /** Refusal of an input whose hook threw. */
  public static final Verdict HOOK_FAILED = Verdict.refuse("the game could not take this input");

  private final GameDefinition<F> definition;
  private final Game<F> game;
  private final Failures failures;
  private final InputValues input;
  private final JsonViews json = new JsonViews();
  /** What hooks recorded since it was last taken, encoded. */
  private final List<byte[]> recorded = new ArrayList<>();
  private final ByteArrayOutputStream factBytes = new ByteArrayOutputStream(64);
  private final DataOutputStream factOut = new DataOutputStream(factBytes);
  private final Facts<F> facts = this::record;
  private int recordedBeforeHook;
  private boolean restThrew;

  public GameDriver(GameDefinition<F> definition, RoomSetup setup, Failures failures) {
    this.definition = definition;
    this.game = definition.create(setup);
    this.failures = failures;
    this.input = new InputValues(definition.inputs());
  }

  private void record(F fact) {
    factBytes.reset();
    try {
      definition.writeFact(fact, factOut);
      factOut.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the game could not write its fact " + fact, e);
    }
    recorded.add(factBytes.toByteArray());
  }

  /** The facts hooks recorded since the last call, encoded, in order; the list is the caller's. */
  public List<byte[]> takeFacts() {
    if (recorded.isEmpty()) {
      return List.of();
    }
    List<byte[]> taken = new ArrayList<>(recorded);
    recorded.clear();
    return taken;
  }

  // ---- hooks ----

  public Verdict joinAttempt(Player player) {
    try {
      Verdict verdict = game.joinAttempt(player);
      return verdict == null ? Verdict.ACCEPT : verdict;
    } catch (RuntimeException e) {
      failures.failed("joinAttempt", e);
      return Verdict.refuse("the game could not seat you");
    }
  }

  public Verdict onInput(Player player, double[] values) {
    begin();
    try {
      Verdict verdict = game.onInput(player, input.of(values), facts);
      if (verdict == null || verdict.accepted()) {
        return Verdict.ACCEPT;
      }
      dropSinceBegin(); // a refused input records nothing
      return verdict;
    } catch (RuntimeException e) {
      return failed("onInput", e);
    }
  }

  /**
   * Whether the game is at rest. A game that threw here is not, and is not asked again: a room
   * asks every tick, and would report the same failure 20 times a second.
   */
  public boolean isAtRest() {
    if (restThrew) {
      return false;
    }
    try {
      return game.isAtRest();
    } catch (RuntimeException e) {
      restThrew = true;
      failures.failed("isAtRest", e);
      return false;
    }
  }

  /** False if the tick threw (and recorded nothing). */
  public boolean onTick() {
    begin();
    try {
      game.onTick(facts);
      return true;
    } catch (RuntimeException e) {
      failed("onTick", e);
      return false;
    }
  }

  public void onJoin(Player player) {
    begin();
    try {
      game.onJoin(player, facts);
    } catch (RuntimeException e) {
      failed("onJoin", e);
    }
  }

  public void onLeave(Player player) {
    begin();
    try {
      game.onLeave(player, facts);
    } catch (RuntimeException e) {
      failed("onLeave", e);
    }
  }

  public void onDisconnect(Player player) {
    begin();
    try {
      game.onDisconnect(player, facts);
    } catch (RuntimeException e) {
      failed("onDisconnect", e);
    }
  }

  public void onReconnect(Player player) {
    begin();
    try {
      game.onReconnect(player, facts);
    } catch (RuntimeException e) {
      failed("onReconnect", e);
    }
  }

  /** The time of the game's next timer, or {@link Game#NO_TIMER}. */
  public long nextTimer() {
    try {
      return game.nextTimer();
    } catch (RuntimeException e) {
      failures.failed("nextTimer", e);
      return Game.NO_TIMER;
    }
  }

  public void onTimer() {
    begin();
    try {
      game.onTimer(facts);
    } catch (RuntimeException e) {
      failed("onTimer", e);
    }
  }

  private void begin() {
    recordedBeforeHook = recorded.size();
  }

  private void dropSinceBegin() {
    while (recorded.size() > recordedBeforeHook) {
      recorded.remove(recorded.size() - 1);
    }
  }

  private Verdict failed(String hook, RuntimeException e) {
    dropSinceBegin();
    failures.failed(hook, e);
    return HOOK_FAILED;
  }

  // ---- durable changes: live and on recovery ----

  public void joined(Player player) {
    try {
      game.joined(player);
    } catch (RuntimeException e) {
      failures.failed("joined", e);
    }
  }

  public void left(Player player) {
    try {
      game.left(player);
    } catch (RuntimeException e) {
      failures.failed("left", e);
    }
  }

  public void forgotten(String playerId) {
    try {
      game.forgotten(playerId);
    } catch (RuntimeException e) {
      failures.failed("forgotten", e);
    }
  }

  /** Applies a stored fact as {@link #takeFacts} gave it. */
  public void apply(byte[] fact) {
    F decoded;
    try {
      decoded = definition.readFact(new DataInputStream(new ByteArrayInputStream(fact)));
    } catch (IOException | RuntimeException e) {
      failures.failed("readFact", e instanceof RuntimeException runtime ? runtime
          : new UncheckedIOException(e.getMessage(), (IOException) e));
      return;
    }
    try {
      game.apply(decoded);
    } catch (RuntimeException e) {
      failures.failed("apply", e);
    }
  }

  // ---- checkpoints ----

  public byte[] save() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      game.save(out);
    } catch (IOException e) {
      throw new UncheckedIOException("the game could not save its state", e);
    }
    return bytes.toByteArray();
  }

  public void load(byte[] saved) {
    try {
      game.load(new DataInputStream(new ByteArrayInputStream(saved)));
    } catch (IOException e) {
      throw new UncheckedIOException("the game could not load its state", e);
    }
  }

  // ---- views ----

  /** The state frame every player without a view of its own gets. */
  public JsonState json(String room, long tick, Iterable<? extends Acked> acks) {
    return new JsonState(json.frame(room, tick, game::writeView, acks));
  }

  /** The shared frame, with what only one player sees spliced in. */
  public final class JsonState {
    private final JsonViews.Frame shared;

    private JsonState(JsonViews.Frame shared) {
      this.shared = shared;
    }

    public byte[] shared() {
      return shared.bytes();
    }

    /** {@code player}'s frame if it has a view of its own, else null. */
    public byte[] own(Player player) {
      if (!game.hasOwnView(player)) {
        return null;
      }
      return json.withOwn(shared, out -> game.writeOwnView(player, out));
    }
  }

  /** The game's binary frames for the tick, or null if it has none. */
  public BinaryFrames binary(String room, long tick, Acks acks) {
    return game.binaryState(room, tick, acks);
  }
}
