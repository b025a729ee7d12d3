package io.arena.server.room;

import io.arena.protocol.Codec;
import io.arena.server.config.CborSerializable;

/**
 * What the join that created a room made it (protocol/README.md sections 10 and 12): its game, its
 * mode, and whether it is private (never listed, never picked by quick join; joined only by its id).
 */
public record RoomProfile(String game, String mode, boolean isPrivate) implements CborSerializable {

  /** The game of a room whose first join named none. */
  public static final String DEFAULT_GAME = "arena";

  public static final RoomProfile DEFAULT = new RoomProfile(DEFAULT_GAME, Codec.DEFAULT_MODE, false);

  /** Whether quick join may seat a player of {@code wantedGame} and {@code wantedMode} here. */
  public boolean takesQuickJoinsOf(String wantedGame, String wantedMode) {
    return !isPrivate && game.equals(wantedGame) && mode.equals(wantedMode);
  }
}
