package io.arena.protocol;

import java.util.Optional;

/**
 * How a socket receives {@code state}: JSON text frames (section 3), or compact binary frames
 * (section 11), chosen when the socket opens ({@code /ws?state=compact}). Every other message is
 * JSON either way.
 */
public enum StateFormat {
  JSON("json"),
  COMPACT("compact");

  /** The query parameter of {@code /ws} that picks the format. */
  public static final String QUERY_PARAMETER = "state";

  private final String wire;

  StateFormat(String wire) {
    this.wire = wire;
  }

  /** The value of {@value #QUERY_PARAMETER} that picks this format. */
  public String wire() {
    return wire;
  }

  /** The format a {@value #QUERY_PARAMETER} value names, if any. */
  public static Optional<StateFormat> fromWire(String value) {
    for (StateFormat format : values()) {
      if (format.wire.equals(value)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
