package io.arena.game;

/**
 * A player as its game sees it. Valid during the call it is passed to: a game keeps ids, not
 * players.
 */
public interface Player {
  /** Unique in the room, stable across resumes and failovers. */
  String id();

  String name();

  /** Whether the player has a socket now (it keeps its seat for the grace period without one). */
  boolean connected();
}
