package io.arena.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arena.game.InputSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text frame to {@link ClientMessage}, and {@link ServerMessage} to text frame. Decoding never
 * throws: every bad frame becomes a {@link Decoded.Rejected} carrying the {@code error} to send.
 * Thread-safe.
 */
public final class Codec {
  public static final int MAX_FRAME_BYTES = 4096;
  public static final int MAX_ROOM_LENGTH = 64;
  public static final int MAX_MODE_LENGTH = 32;
  public static final int MAX_GAME_LENGTH = 32;
  /** The mode of a join that names none. */
  public static final String DEFAULT_MODE = "default";
  public static final int MAX_NAME_LENGTH = 24;
  public static final int MAX_CHAT_LENGTH = 200;
  public static final int MAX_TOKEN_LENGTH = 2048;
  /** Largest integer a JavaScript client can count to exactly. */
  public static final long MAX_SEQ = (1L << 53) - 1;

  private static final Pattern ROOM_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ROOM_LENGTH + "}");
  private static final Pattern MODE = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_MODE_LENGTH + "}");
  private static final Pattern GAME = Pattern.compile("[a-z0-9_-]{1," + MAX_GAME_LENGTH + "}");
  private static final int MAX_ECHOED_TYPE = 32;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private Codec() {}

  /** Whether {@code room} is a valid room id: 1-64 characters of {@code [A-Za-z0-9_-]}. */
  public static boolean isValidRoomId(String room) {
    return room != null && ROOM_ID.matcher(room).matches();
  }

  /** Whether {@code mode} is a valid game mode: 1-32 characters of {@code [A-Za-z0-9_-]}. */
  public static boolean isValidMode(String mode) {
    return mode != null && MODE.matcher(mode).matches();
  }

  /** Whether {@code game} is a valid game id: 1-32 characters of {@code [a-z0-9_-]}. */
  public static boolean isValidGame(String game) {
    return game != null && GAME.matcher(game).matches();
  }

  /** Decodes a client's frame; an {@code input}'s fields are those of {@code inputs}. */
  public static Decoded decode(String frame, InputSchema inputs) {
    int bytes = utf8Length(frame);
    if (bytes > MAX_FRAME_BYTES) {
      return reject("frame is " + bytes + " bytes; the limit is " + MAX_FRAME_BYTES);
    }
    JsonNode json;
    try {
      json = MAPPER.readTree(frame);
    } catch (JsonProcessingException | StackOverflowError e) {
      return reject("frame is not valid JSON");
    }
    if (json == null || json.isMissingNode()) {
      return reject("frame is not valid JSON");
    }
    if (!json.isObject()) {
      return reject("frame must be a JSON object");
    }
    try {
      return new Decoded.Message(decodeObject(json, inputs));
    } catch (InvalidField e) {
      return reject(e.getMessage());
    }
  }

  private static ClientMessage decodeObject(JsonNode json, InputSchema inputs) {
    JsonNode type = json.get("type");
    if (type == null || !type.isTextual()) {
      throw new InvalidField("field 'type' must be a string");
    }
    switch (type.textValue()) {
      case "join":
        return decodeJoin(json);
      case "input":
        return decodeInput(json, inputs);
      case "chat":
        return new ClientMessage.Chat(text(json, "text", MAX_CHAT_LENGTH));
      case "leave":
        return new ClientMessage.Leave();
      case "ping":
        return new ClientMessage.Ping(number(json, "t", -Double.MAX_VALUE, Double.MAX_VALUE));
      default:
        throw new InvalidField("unknown type '" + abbreviate(type.textValue()) + "'");
    }
  }

  private static ClientMessage decodeJoin(JsonNode json) {
    if (json.hasNonNull("resume")) {
      return new ClientMessage.Resume(text(json, "resume", MAX_TOKEN_LENGTH));
    }
    String room = null;
    if (json.hasNonNull("room")) {
      room = text(json, "room", MAX_ROOM_LENGTH);
      if (!isValidRoomId(room)) {
        throw new InvalidField("field 'room' may only contain A-Z, a-z, 0-9, '_' and '-'");
      }
    }
    String name = text(json, "name", MAX_NAME_LENGTH);
    String token = json.hasNonNull("token") ? text(json, "token", MAX_TOKEN_LENGTH) : null;
    String mode = DEFAULT_MODE;
    if (json.hasNonNull("mode")) {
      mode = text(json, "mode", MAX_MODE_LENGTH);
      if (!isValidMode(mode)) {
        throw new InvalidField("field 'mode' may only contain A-Z, a-z, 0-9, '_' and '-'");
      }
    }
    boolean isPrivate = false;
    JsonNode privateField = json.get("private");
    if (privateField != null && !privateField.isNull()) {
      if (!privateField.isBoolean()) {
        throw new InvalidField("field 'private' must be true or false");
      }
      isPrivate = privateField.booleanValue();
    }
    if (isPrivate && room == null) {
      throw new InvalidField("field 'private' needs a 'room': quick join only picks public rooms");
    }
    String game = null;
    if (json.hasNonNull("game")) {
      game = text(json, "game", MAX_GAME_LENGTH);
      if (!isValidGame(game)) {
        throw new InvalidField("field 'game' may only contain a-z, 0-9, '_' and '-'");
      }
    }
    return new ClientMessage.Join(room, name, token, mode, isPrivate, game);
  }

  /** {@code seq}, then the game's fields in the order it declares them (section 12.3). */
  private static ClientMessage decodeInput(JsonNode json, InputSchema inputs) {
    long seq = seq(json);
    double[] values = new double[inputs.size()];
    for (int i = 0; i < values.length; i++) {
      InputSchema.Field field = inputs.fields().get(i);
      values[i] = switch (field.kind()) {
        case NUMBER -> number(json, field.name(), field.min(), field.max());
        case INTEGER -> integer(json, field.name(), (long) field.min(), (long) field.max());
        case CHOICE -> choice(json, field.name(), field.options());
      };
    }
    return new ClientMessage.Input(seq, values);
  }

  private static long integer(JsonNode json, String field, long min, long max) {
    JsonNode node = json.get(field);
    if (node == null || !node.isIntegralNumber()) {
      throw new InvalidField("field '" + field + "' must be an integer");
    }
    if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      throw new InvalidField("field '" + field + "' must be between " + min + " and " + max);
    }
    return node.longValue();
  }

  /** The index of the option a string field names. */
  private static int choice(JsonNode json, String field, List<String> options) {
    JsonNode node = json.get(field);
    int index = node == null || !node.isTextual() ? -1 : options.indexOf(node.textValue());
    if (index < 0) {
      throw new InvalidField("field '" + field + "' must be one of " + String.join(", ", options));
    }
    return index;
  }

  private static long seq(JsonNode json) {
    JsonNode node = json.get("seq");
    if (node == null || !node.isIntegralNumber()) {
      throw new InvalidField("field 'seq' must be an integer");
    }
    if (!node.canConvertToLong() || node.longValue() < 0 || node.longValue() > MAX_SEQ) {
      throw new InvalidField("field 'seq' must be between 0 and " + MAX_SEQ);
    }
    return node.longValue();
  }

  private static double number(JsonNode json, String field, double min, double max) {
    JsonNode node = json.get(field);
    if (node == null || !node.isNumber()) {
      throw new InvalidField("field '" + field + "' must be a number");
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value) || value < min || value > max) {
      throw new InvalidField("field '" + field + "' must be between " + min + " and " + max);
    }
    return value;
  }

  /** A required string of 1 to {@code maxLength} characters without control characters. */
  private static String text(JsonNode json, String field, int maxLength) {
    JsonNode node = json.get(field);
    if (node == null || !node.isTextual()) {
      throw new InvalidField("field '" + field + "' must be a string");
    }
    String value = node.textValue();
    int length = value.codePointCount(0, value.length());
    if (length < 1 || length > maxLength) {
      throw new InvalidField("field '" + field + "' must be 1 to " + maxLength + " characters");
    }
    if (value.codePoints().anyMatch(Codec::isForbidden)) {
      throw new InvalidField("field '" + field + "' contains control characters");
    }
    if (value.isBlank()) {
      throw new InvalidField("field '" + field + "' must not be blank");
    }
    return value;
  }

  private static boolean isForbidden(int codePoint) {
    return Character.isISOControl(codePoint)
        || Character.getType(codePoint) == Character.FORMAT
        || Character.getType(codePoint) == Character.SURROGATE;
  }

  private static Decoded reject(String message) {
    return new Decoded.Rejected(new ServerMessage.Error(ErrorCode.BAD_MESSAGE, message));
  }

  private static String abbreviate(String value) {
    String visible = value.codePoints().filter(c -> !isForbidden(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    return visible.length() <= MAX_ECHOED_TYPE ? visible : visible.substring(0, MAX_ECHOED_TYPE) + "…";
  }

  /** UTF-8 length without allocating; stops counting early once past the limit. */
  static int utf8Length(String text) {
    if (text.length() > MAX_FRAME_BYTES) {
      return text.getBytes(StandardCharsets.UTF_8).length;
    }
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  public static String encode(ServerMessage message) {
    return new String(encodeUtf8(message), StandardCharsets.UTF_8);
  }

  /** The frame as UTF-8 bytes, as it goes on the wire: what rooms encode once per tick. */
  public static byte[] encodeUtf8(ServerMessage message) {
    ByteArrayBuilder out = new ByteArrayBuilder(512);
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      if (message instanceof ServerMessage.State state) {
        writeState(json, state);
      } else if (message instanceof ServerMessage.Joined joined) {
        json.writeStringField("type", "joined");
        json.writeStringField("room", joined.room());
        json.writeStringField("game", joined.game());
        json.writeStringField("playerId", joined.playerId());
        json.writeStringField("resume", joined.resume());
        json.writeNumberField("tick", joined.tick());
        json.writeNumberField("tickRate", joined.tickRate());
        json.writeNumberField("lastSeq", joined.lastSeq());
      } else if (message instanceof ServerMessage.ChatLine chat) {
        json.writeStringField("type", "chat");
        json.writeStringField("from", chat.from());
        json.writeStringField("name", chat.name());
        json.writeStringField("text", chat.text());
      } else if (message instanceof ServerMessage.Pong pong) {
        json.writeStringField("type", "pong");
        json.writeFieldName("t");
        if (pong.t() == Math.rint(pong.t()) && Math.abs(pong.t()) <= MAX_SEQ) {
          json.writeNumber((long) pong.t());
        } else {
          json.writeNumber(pong.t());
        }
        json.writeNumberField("serverTime", pong.serverTime());
      } else if (message instanceof ServerMessage.Error error) {
        json.writeStringField("type", "error");
        json.writeStringField("code", error.code().wire());
        json.writeStringField("message", error.message());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writeState(JsonGenerator json, ServerMessage.State state) throws IOException {
    json.writeStringField("type", "state");
    json.writeStringField("room", state.room());
    json.writeNumberField("tick", state.tick());
    json.writeArrayFieldStart("players");
    for (ServerMessage.PlayerView player : state.players()) {
      json.writeStartObject();
      json.writeStringField("id", player.id());
      json.writeStringField("name", player.name());
      json.writeFieldName("x");
      writeHundredths(json, player.x());
      json.writeFieldName("y");
      writeHundredths(json, player.y());
      json.writeNumberField("score", player.score());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("coins");
    for (ServerMessage.CoinView coin : state.coins()) {
      json.writeStartObject();
      json.writeNumberField("id", coin.id());
      json.writeFieldName("x");
      writeHundredths(json, coin.x());
      json.writeFieldName("y");
      writeHundredths(json, coin.y());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeObjectFieldStart("acks");
    for (Map.Entry<String, Long> ack : state.acks().entrySet()) {
      json.writeNumberField(ack.getKey(), ack.getValue());
    }
    json.writeEndObject();
  }

  /**
   * Arena coordinates (0 to 1000) rounded to 0.01 units: keeps frames short. Written from the
   * whole hundredths, as the shortest decimal ("12", "12.5", "12.05"): the general double
   * formatting was the most expensive part of encoding a state frame.
   */
  public static void writeHundredths(JsonGenerator json, double value) throws IOException {
    long hundredths = Math.round(value * 100);
    long whole = Math.abs(hundredths) / 100;
    int fraction = (int) (Math.abs(hundredths) % 100);
    String sign = hundredths < 0 ? "-" : "";
    if (fraction == 0) {
      json.writeNumber(hundredths / 100);
    } else if (fraction % 10 == 0) {
      json.writeNumber(sign + whole + "." + fraction / 10);
    } else {
      json.writeNumber(sign + whole + (fraction < 10 ? ".0" : ".") + fraction);
    }
  }

  /** A field that breaks the contract; its message goes to the client as is. */
  private static final class InvalidField extends RuntimeException {
    InvalidField(String message) {
      super(message, null, false, false);
    }
  }
}
