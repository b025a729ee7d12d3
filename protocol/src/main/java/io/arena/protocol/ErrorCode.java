package io.arena.protocol;

/** The {@code code} of an {@code error} frame, as it appears on the wire. */
public enum ErrorCode {
  BAD_MESSAGE("bad_message"),
  NOT_JOINED("not_joined"),
  ROOM_FULL("room_full"),
  RATE_LIMITED("rate_limited"),
  INVALID_TOKEN("invalid_token"),
  UNAVAILABLE("unavailable"),
  /** The node hosts no game of that id (section 12). */
  UNKNOWN_GAME("unknown_game"),
  /** A join by room named a game other than the room's. */
  WRONG_GAME("wrong_game"),
  /** A well-formed input the game's rules refused. */
  BAD_MOVE("bad_move"),
  /** The game did not seat the player (its join rules). */
  JOIN_REFUSED("join_refused");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
