package io.arena.protocol;

/** The {@code code} of an {@code error} frame, as it appears on the wire. */
public enum ErrorCode {
  BAD_MESSAGE("bad_message"),
  NOT_JOINED("not_joined"),
  ROOM_FULL("room_full"),
  RATE_LIMITED("rate_limited"),
  INVALID_TOKEN("invalid_token"),
  UNAVAILABLE("unavailable");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
