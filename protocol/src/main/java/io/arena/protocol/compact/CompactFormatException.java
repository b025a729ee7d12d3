package io.arena.protocol.compact;

/** A compact frame that does not decode: cut short, malformed, or a delta for another base. */
public final class CompactFormatException extends RuntimeException {
  CompactFormatException(String message) {
    super(message, null, false, false);
  }
}
