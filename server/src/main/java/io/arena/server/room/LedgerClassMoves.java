package io.arena.server.room;

import akka.serialization.jackson.JacksonMigration;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads journals written before the ledger moved from package {@code io.arena.server} to
 * {@code io.arena.server.room}: events and snapshots are stored under their class names, and a
 * room must still replay what it stored then. The content did not change, only the name.
 * Registered per old name in {@code serialization.conf}.
 */
public final class LedgerClassMoves extends JacksonMigration {
  private static final String OLD_PACKAGE = "io.arena.server.";

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public String transformClassName(int fromVersion, String className) {
    return className.startsWith(OLD_PACKAGE + "RoomLedger$")
        ? RoomLedger.class.getName() + className.substring((OLD_PACKAGE + "RoomLedger").length())
        : className;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return json;
  }
}
