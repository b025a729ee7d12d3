package io.arena.game.host;

/** A player as a {@code state} frame's {@code acks} show it: its id and last applied input. */
public interface Acked {
  String id();

  long lastSeq();
}
