package io.arena.game;

/** The last input {@code seq} the room applied for each player, as a {@code state} shows it. */
public interface Acks {
  long of(String playerId);
}
