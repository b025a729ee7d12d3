package io.arena.games;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arena.game.kit.GameKit;

/** What a player of a game under the test kit sees, as JSON: shared by the bundled games' tests. */
public final class KitFrames {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KitFrames() {}

  /** The state frame {@code playerId} would receive now. */
  public static JsonNode state(GameKit<?> kit, String playerId) {
    try {
      return JSON.readTree(kit.state(playerId));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The frame without {@code tick}, which counts every change (a reconnect too). */
  public static JsonNode shown(GameKit<?> kit, String playerId) {
    ObjectNode frame = (ObjectNode) state(kit, playerId);
    frame.remove("tick");
    return frame;
  }

  /** The entry of {@code players} whose id is {@code id}. */
  public static JsonNode player(JsonNode state, String id) {
    for (JsonNode player : state.get("players")) {
      if (player.get("id").asText().equals(id)) {
        return player;
      }
    }
    throw new AssertionError("no player " + id + " in " + state);
  }
}
