package io.arena.game;

/**
 * A game's answer to a join or an input: accepted, or refused with a reason the player reads
 * (a refused join gets {@code join_refused}, a refused input {@code bad_move}).
 */
public final class Verdict {
  public static final Verdict ACCEPT = new Verdict(null);

  private final String reason;

  private Verdict(String reason) {
    this.reason = reason;
  }

  public static Verdict refuse(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a refusal needs a reason");
    }
    return new Verdict(reason);
  }

  public boolean accepted() {
    return reason == null;
  }

  /** Why it was refused; null if accepted. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return accepted() ? "accept" : "refuse(" + reason + ")";
  }
}
