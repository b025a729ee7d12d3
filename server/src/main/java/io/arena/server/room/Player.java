package io.arena.server.room;

import io.arena.game.host.Acked;

/**
 * A player in a room: its last applied input, and its socket while it has one. What the game keeps
 * of it (its body, its score, its mark) is the game's; the game sees it as an
 * {@link io.arena.game.Player}.
 */
final class Player implements io.arena.game.Player, Acked {
  final String id;
  final String name;
  /** The last input applied; acks never go back, across resumes and failovers. */
  long lastSeq;
  /** Null while disconnected. */
  GameRoom.Connection connection;
  /** When the player lost its socket: the grace period counts from here. */
  long detachedAtBeat;
  /** On its way out: gone from the game, its leave being stored. */
  boolean leaving;

  Player(String id, String name, long lastSeq) {
    this.id = id;
    this.name = name;
    this.lastSeq = lastSeq;
  }

  boolean isActive() {
    return !leaving;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean connected() {
    return connection != null;
  }

  @Override
  public long lastSeq() {
    return lastSeq;
  }
}
