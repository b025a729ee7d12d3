package io.arena.server.room;

import io.arena.protocol.Codec;
import io.arena.server.config.CborSerializable;

/**
 * What the join that created a room made it (protocol/README.md section 10): its mode, and
 * whether it is private (never listed, never picked by quick join; joined only by its id).
 */
public record RoomProfile(String mode, boolean isPrivate) implements CborSerializable {

  /** Rooms stored before rooms had modes: public rooms of the default mode. */
  public static final RoomProfile DEFAULT = new RoomProfile(Codec.DEFAULT_MODE, false);

  /** Whether quick join may seat a player of {@code mode} here. */
  public boolean takesQuickJoinsOf(String wantedMode) {
    return !isPrivate && mode.equals(wantedMode);
  }
}
