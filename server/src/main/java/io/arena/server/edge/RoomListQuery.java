package io.arena.server.edge;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arena.protocol.Codec;
import io.arena.server.lobby.RoomDirectory;
import io.arena.server.lobby.RoomListing;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /rooms} (protocol/README.md section 10): every public room of the cluster that has
 * players, fullest first, from this node's directory; {@code ?game=}, {@code ?mode=} and
 * {@code ?limit=} narrow it (section 12). A bad parameter gets 400 and the reason.
 */
final class RoomListQuery {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final String PLAIN_TEXT = "text/plain; charset=UTF-8";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The answer: JSON on 200, a plain-text reason otherwise. */
  record Answer(HttpResponseStatus status, String contentType, String body) {}

  private RoomListQuery() {}

  static Answer answer(Map<String, List<String>> parameters, RoomDirectory directory) {
    if (parameters.getOrDefault("mode", List.of()).size() > 1
        || parameters.getOrDefault("limit", List.of()).size() > 1
        || parameters.getOrDefault("game", List.of()).size() > 1) {
      return badRequest("give game, mode and limit at most once each");
    }
    String game = single(parameters, "game");
    if (game != null && !Codec.isValidGame(game)) {
      return badRequest("game must be 1 to " + Codec.MAX_GAME_LENGTH
          + " characters of a-z, 0-9, '_' and '-'");
    }
    String mode = single(parameters, "mode");
    if (mode != null && !Codec.isValidMode(mode)) {
      return badRequest("mode must be 1 to " + Codec.MAX_MODE_LENGTH
          + " characters of A-Z, a-z, 0-9, '_' and '-'");
    }
    String limitText = single(parameters, "limit");
    int limit = DEFAULT_LIMIT;
    if (limitText != null) {
      limit = limitText.matches("\\d{1,4}") ? Integer.parseInt(limitText) : -1;
      if (limit < 1 || limit > MAX_LIMIT) {
        return badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
      }
    }
    return new Answer(HttpResponseStatus.OK, "application/json", render(directory.list(game, mode, limit)));
  }

  private static String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Answer badRequest(String reason) {
    return new Answer(HttpResponseStatus.BAD_REQUEST, PLAIN_TEXT, reason);
  }

  private static String render(List<RoomListing> rooms) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 80 * rooms.size());
    try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("rooms");
      for (RoomListing room : rooms) {
        json.writeStartObject();
        json.writeStringField("room", room.room());
        json.writeStringField("game", room.game());
        json.writeStringField("mode", room.mode());
        json.writeNumberField("players", room.players());
        json.writeNumberField("capacity", room.capacity());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
