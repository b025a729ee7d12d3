package io.arena.game;

/** The players in a room now, as its room knows them: who is connected, by id. */
public interface Players {
  /** The player {@code playerId} if it is in the room, else null. */
  Player find(String playerId);
}
