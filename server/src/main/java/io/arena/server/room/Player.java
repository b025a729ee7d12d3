package io.arena.server.room;

import io.arena.server.game.Arena;

/**
 * A player in a room: its body in the arena, its last applied input, and its socket while it has
 * one. What is durable about it (its score, its leave) is tracked by {@link DurableWrites}.
 */
final class Player {
  final String id;
  final String name;
  final Arena.Body body;
  /** The last input applied; acks never go back, across resumes and failovers. */
  long lastSeq;
  /** Null while disconnected. */
  GameRoom.Connection connection;
  /** When the player lost its socket: the grace period counts from here. */
  long detachedAtTick;
  /** On its way out: gone from the game, its leave being stored. */
  boolean leaving;

  Player(String id, String name, Arena.Body body, long lastSeq) {
    this.id = id;
    this.name = name;
    this.body = body;
    this.lastSeq = lastSeq;
  }

  boolean isActive() {
    return !leaving;
  }
}
