package io.arena.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arena.game.InputSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecTest {
  /** The arena's input fields (its game declares the same). */
  static final InputSchema ARENA =
      InputSchema.of(InputSchema.number("dx", -1, 1), InputSchema.number("dy", -1, 1));
  private static final InputSchema BOARD = InputSchema.of(InputSchema.integer("cell", 0, 8),
      InputSchema.choice("pick", "rock", "paper", "scissors"));

  private static ClientMessage accepted(String frame) {
    Decoded decoded = Codec.decode(frame, ARENA);
    return assertInstanceOf(Decoded.Message.class, decoded, () -> "rejected: " + decoded).message();
  }

  private static ServerMessage.Error rejected(String frame) {
    Decoded decoded = Codec.decode(frame, ARENA);
    ServerMessage.Error error =
        assertInstanceOf(Decoded.Rejected.class, decoded, () -> "accepted: " + decoded).error();
    assertEquals(ErrorCode.BAD_MESSAGE, error.code());
    return error;
  }

  @Test
  void decodesEveryClientMessage() {
    assertEquals(new ClientMessage.Join("lobby-1", "Ada", null),
        accepted("{\"type\":\"join\",\"room\":\"lobby-1\",\"name\":\"Ada\"}"));
    assertEquals(new ClientMessage.Join("r", "Ada", "jwt.x.y"),
        accepted("{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"token\":\"jwt.x.y\"}"));
    assertEquals(new ClientMessage.Resume("abc"), accepted("{\"type\":\"join\",\"resume\":\"abc\"}"));
    assertEquals(new ClientMessage.Input(7, new double[] {-1, 0.5}),
        accepted("{\"type\":\"input\",\"seq\":7,\"dx\":-1,\"dy\":0.5}"));
    assertEquals(new ClientMessage.Chat("gg"), accepted("{\"type\":\"chat\",\"text\":\"gg\"}"));
    assertEquals(new ClientMessage.Leave(), accepted("{\"type\":\"leave\"}"));
    assertEquals(new ClientMessage.Ping(1234.5), accepted("{\"type\":\"ping\",\"t\":1234.5}"));
  }

  @Test
  void aJoinNamesItsGameInLowerCaseOrNone() {
    assertEquals(new ClientMessage.Join(null, "Ada", null, "default", false, "tictactoe"),
        accepted("{\"type\":\"join\",\"name\":\"Ada\",\"game\":\"tictactoe\"}"));
    assertEquals("field 'game' may only contain a-z, 0-9, '_' and '-'",
        rejected("{\"type\":\"join\",\"name\":\"Ada\",\"game\":\"TicTacToe\"}").message());
    assertEquals("field 'game' must be 1 to 32 characters",
        rejected("{\"type\":\"join\",\"name\":\"Ada\",\"game\":\"" + "g".repeat(33) + "\"}").message());
    assertEquals("field 'game' must be a string",
        rejected("{\"type\":\"join\",\"name\":\"Ada\",\"game\":7}").message());
  }

  @Test
  void anInputCarriesTheFieldsOfItsGameEachCheckedAndNamedWhenWrong() {
    assertEquals(new Decoded.Message(new ClientMessage.Input(3, new double[] {4, 1})),
        Codec.decode("{\"type\":\"input\",\"seq\":3,\"cell\":4,\"pick\":\"paper\"}", BOARD));
    assertEquals("field 'cell' must be an integer", rejectedBy(BOARD,
        "{\"type\":\"input\",\"seq\":3,\"pick\":\"paper\"}"));
    assertEquals("field 'cell' must be an integer", rejectedBy(BOARD,
        "{\"type\":\"input\",\"seq\":3,\"cell\":4.5,\"pick\":\"paper\"}"));
    assertEquals("field 'cell' must be between 0 and 8", rejectedBy(BOARD,
        "{\"type\":\"input\",\"seq\":3,\"cell\":9,\"pick\":\"paper\"}"));
    assertEquals("field 'pick' must be one of rock, paper, scissors", rejectedBy(BOARD,
        "{\"type\":\"input\",\"seq\":3,\"cell\":1,\"pick\":\"lizard\"}"));
    assertEquals("field 'seq' must be an integer", rejectedBy(BOARD,
        "{\"type\":\"input\",\"cell\":1,\"pick\":\"rock\"}"));
  }

  private static String rejectedBy(InputSchema inputs, String frame) {
    Decoded decoded = Codec.decode(frame, inputs);
    ServerMessage.Error error =
        assertInstanceOf(Decoded.Rejected.class, decoded, () -> "accepted: " + decoded).error();
    assertEquals(ErrorCode.BAD_MESSAGE, error.code());
    return error.message();
  }

  @Test
  void aJoinWithoutRoomIsAQuickJoinOfItsModeAndOnlyAJoinThatNamesItsRoomMayBePrivate() {
    assertEquals(new ClientMessage.Join(null, "Ada", null, "default", false, null),
        accepted("{\"type\":\"join\",\"name\":\"Ada\"}"));
    assertTrue(((ClientMessage.Join) accepted("{\"type\":\"join\",\"name\":\"Ada\"}")).isQuick());
    assertEquals(new ClientMessage.Join(null, "Ada", null, "ctf_2-v2", false, null),
        accepted("{\"type\":\"join\",\"name\":\"Ada\",\"mode\":\"ctf_2-v2\",\"room\":null}"));
    assertEquals(new ClientMessage.Join("mine", "Ada", null, "duel", true, null),
        accepted("{\"type\":\"join\",\"room\":\"mine\",\"name\":\"Ada\",\"mode\":\"duel\",\"private\":true}"));
    assertEquals("field 'private' needs a 'room': quick join only picks public rooms",
        rejected("{\"type\":\"join\",\"name\":\"Ada\",\"private\":true}").message());
    assertEquals("field 'private' must be true or false",
        rejected("{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"private\":\"yes\"}").message());
    assertEquals("field 'mode' must be 1 to 32 characters",
        rejected("{\"type\":\"join\",\"name\":\"Ada\",\"mode\":\"" + "m".repeat(33) + "\"}").message());
    assertEquals("field 'mode' may only contain A-Z, a-z, 0-9, '_' and '-'",
        rejected("{\"type\":\"join\",\"name\":\"Ada\",\"mode\":\"capture the flag\"}").message());
    assertEquals("field 'mode' must be a string",
        rejected("{\"type\":\"join\",\"name\":\"Ada\",\"mode\":7}").message());
  }

  @Test
  void ignoresUnknownFields() {
    assertEquals(new ClientMessage.Leave(), accepted("{\"type\":\"leave\",\"extra\":[1,{\"a\":2}]}"));
  }

  @Test
  void acceptsNamesOfUpTo24CharactersCountingCodePoints() {
    String emojiName = "\uD83D\uDE00".repeat(24);
    assertEquals(new ClientMessage.Join("r", emojiName, null),
        accepted("{\"type\":\"join\",\"room\":\"r\",\"name\":\"" + emojiName + "\"}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "not json", "{\"type\":\"leave\"} trailing", "", "{\"type\":\"leave\",}"})
  void rejectsMalformedJson(String frame) {
    assertEquals("frame is not valid JSON", rejected(frame).message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "42", "\"join\"", "null"})
  void rejectsJsonThatIsNotAnObject(String frame) {
    assertEquals("frame must be a JSON object", rejected(frame).message());
  }

  @Test
  void rejectsMissingOrUnknownType() {
    assertEquals("field 'type' must be a string", rejected("{\"room\":\"a\"}").message());
    assertEquals("field 'type' must be a string", rejected("{\"type\":3}").message());
    assertEquals("unknown type 'teleport'", rejected("{\"type\":\"teleport\"}").message());
  }

  @Test
  void unknownTypeIsEchoedShortAndWithoutControlCharacters() {
    String message = rejected("{\"type\":\"" + "x".repeat(100) + "\\u0007\"}").message();
    assertEquals("unknown type '" + "x".repeat(32) + "…'", message);
  }

  @Test
  void rejectsWrongFieldTypes() {
    assertEquals("field 'room' must be a string",
        rejected("{\"type\":\"join\",\"room\":5,\"name\":\"a\"}").message());
    assertEquals("field 'name' must be a string",
        rejected("{\"type\":\"join\",\"room\":\"r\"}").message());
    assertEquals("field 'seq' must be an integer",
        rejected("{\"type\":\"input\",\"seq\":\"1\",\"dx\":0,\"dy\":0}").message());
    assertEquals("field 'seq' must be an integer",
        rejected("{\"type\":\"input\",\"seq\":1.5,\"dx\":0,\"dy\":0}").message());
    assertEquals("field 'dx' must be a number",
        rejected("{\"type\":\"input\",\"seq\":1,\"dx\":true,\"dy\":0}").message());
    assertEquals("field 'text' must be a string", rejected("{\"type\":\"chat\",\"text\":[]}").message());
    assertEquals("field 't' must be a number", rejected("{\"type\":\"ping\"}").message());
  }

  @Test
  void rejectsOutOfRangeNumbers() {
    assertTrue(rejected("{\"type\":\"input\",\"seq\":1,\"dx\":1.01,\"dy\":0}").message()
        .startsWith("field 'dx' must be between"));
    assertTrue(rejected("{\"type\":\"input\",\"seq\":1,\"dx\":0,\"dy\":-2}").message()
        .startsWith("field 'dy' must be between"));
    assertTrue(rejected("{\"type\":\"input\",\"seq\":-1,\"dx\":0,\"dy\":0}").message()
        .startsWith("field 'seq' must be between 0 and"));
    assertTrue(rejected("{\"type\":\"input\",\"seq\":9007199254740992,\"dx\":0,\"dy\":0}").message()
        .startsWith("field 'seq' must be between 0 and"));
    assertTrue(rejected("{\"type\":\"input\",\"seq\":1e400,\"dx\":0,\"dy\":0}").message()
        .startsWith("field 'seq'"));
    assertTrue(rejected("{\"type\":\"ping\",\"t\":1e400}").message().startsWith("field 't' must be between"));
  }

  @Test
  void rejectsStringsOfBadLengthOrCharacters() {
    assertEquals("field 'room' must be 1 to 64 characters",
        rejected("{\"type\":\"join\",\"room\":\"" + "r".repeat(65) + "\",\"name\":\"a\"}").message());
    assertEquals("field 'room' must be 1 to 64 characters",
        rejected("{\"type\":\"join\",\"room\":\"\",\"name\":\"a\"}").message());
    assertEquals("field 'room' may only contain A-Z, a-z, 0-9, '_' and '-'",
        rejected("{\"type\":\"join\",\"room\":\"a b\",\"name\":\"a\"}").message());
    assertEquals("field 'name' must be 1 to 24 characters",
        rejected("{\"type\":\"join\",\"room\":\"r\",\"name\":\"" + "n".repeat(25) + "\"}").message());
    assertEquals("field 'name' contains control characters",
        rejected("{\"type\":\"join\",\"room\":\"r\",\"name\":\"a\\nb\"}").message());
    assertEquals("field 'name' contains control characters",
        rejected("{\"type\":\"join\",\"room\":\"r\",\"name\":\"a\\u202Eb\"}").message());
    assertEquals("field 'name' must not be blank",
        rejected("{\"type\":\"join\",\"room\":\"r\",\"name\":\"   \"}").message());
    assertEquals("field 'text' must be 1 to 200 characters",
        rejected("{\"type\":\"chat\",\"text\":\"" + "c".repeat(201) + "\"}").message());
    assertEquals("field 'text' contains control characters",
        rejected("{\"type\":\"chat\",\"text\":\"\\u0000\"}").message());
  }

  @Test
  void rejectsFramesOver4KiB() {
    String padding = "x".repeat(Codec.MAX_FRAME_BYTES);
    assertEquals("frame is 4121 bytes; the limit is 4096",
        rejected("{\"type\":\"leave\",\"pad\":\"" + padding + "\"}").message());
    // 1400 three-byte characters fit the character count but not the byte limit.
    String wide = "€".repeat(1400);
    assertEquals("frame is 4200 bytes; the limit is 4096", rejected(wide).message());
  }

  @Test
  void acceptsAFrameOfExactly4KiB() {
    String head = "{\"type\":\"leave\",\"pad\":\"";
    String frame = head + "x".repeat(Codec.MAX_FRAME_BYTES - head.length() - 2) + "\"}";
    assertEquals(Codec.MAX_FRAME_BYTES, frame.length());
    assertEquals(new ClientMessage.Leave(), accepted(frame));
  }

  @Test
  void survivesDeeplyNestedJson() {
    assertInstanceOf(Decoded.Rejected.class, Codec.decode("[".repeat(Codec.MAX_FRAME_BYTES), ARENA));
    assertInstanceOf(Decoded.Rejected.class,
        Codec.decode("{\"type\":\"leave\",\"a\":" + "[".repeat(4000) + "]".repeat(4000) + "}", ARENA));
  }

  @Test
  void encodesStateWithCoordinatesRoundedToHundredths() {
    Map<String, Long> acks = new LinkedHashMap<>();
    acks.put("p1", 12L);
    String frame = Codec.encode(new ServerMessage.State("lobby", 42,
        List.of(new ServerMessage.PlayerView("p1", "Ada \"the\" great", 10.0, 20.123456, 3)),
        List.of(new ServerMessage.CoinView(0, 500.5, 1000)), acks));
    assertEquals("{\"type\":\"state\",\"room\":\"lobby\",\"tick\":42,\"players\":[{\"id\":\"p1\","
        + "\"name\":\"Ada \\\"the\\\" great\",\"x\":10,\"y\":20.12,\"score\":3}],"
        + "\"coins\":[{\"id\":0,\"x\":500.5,\"y\":1000}],\"acks\":{\"p1\":12}}", frame);
  }

  @Test
  void encodesTheOtherServerMessages() {
    assertEquals("{\"type\":\"joined\",\"room\":\"r\",\"game\":\"arena\",\"playerId\":\"p\","
            + "\"resume\":\"tok\",\"tick\":5,\"tickRate\":20,\"lastSeq\":0}",
        Codec.encode(new ServerMessage.Joined("r", "arena", "p", "tok", 5, 20, 0)));
    assertEquals("{\"type\":\"chat\",\"from\":\"p\",\"name\":\"Ada\",\"text\":\"</script>\"}",
        Codec.encode(new ServerMessage.ChatLine("p", "Ada", "</script>")));
    assertEquals("{\"type\":\"pong\",\"t\":1234.567891,\"serverTime\":99}",
        Codec.encode(new ServerMessage.Pong(1234.567891, 99)));
    assertEquals("{\"type\":\"pong\",\"t\":1700000000000,\"serverTime\":99}",
        Codec.encode(new ServerMessage.Pong(1.7e12, 99)));
    assertEquals("{\"type\":\"error\",\"code\":\"room_full\",\"message\":\"room r is full\"}",
        Codec.encode(new ServerMessage.Error(ErrorCode.ROOM_FULL, "room r is full")));
  }
}
