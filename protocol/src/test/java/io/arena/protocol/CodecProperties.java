package io.arena.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/** Whatever a client sends, the codec answers with a message that keeps the rules, or an error. */
class CodecProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Property(tries = 2000)
  void anyTextIsAMessageThatKeepsTheRulesOrABadMessage(@ForAll @StringLength(max = 6000) String frame) {
    checkDecoded(frame);
  }

  @Property(tries = 3000)
  void jsonShapedFramesAreAMessageThatKeepsTheRulesOrABadMessage(@ForAll("jsonFrames") String frame) {
    checkDecoded(frame);
  }

  @Property(tries = 500)
  void validInputsComeThroughExactly(@ForAll @LongRange(min = 0, max = Codec.MAX_SEQ) long seq,
      @ForAll @DoubleRange(min = -1, max = 1) double dx, @ForAll @DoubleRange(min = -1, max = 1) double dy) {
    String frame = "{\"type\":\"input\",\"seq\":" + seq + ",\"dx\":" + dx + ",\"dy\":" + dy + "}";
    assertEquals(new Decoded.Message(new ClientMessage.Input(seq, new double[] {dx, dy})),
        Codec.decode(frame, CodecTest.ARENA));
  }

  @Property(tries = 2000)
  void coordinatesAreWrittenAsTheirShortestHundredths(
      @ForAll @DoubleRange(min = 0, max = 1000) double x) throws Exception {
    String frame = Codec.encode(new ServerMessage.State("room", 1, List.of(),
        List.of(new ServerMessage.CoinView(1, x, 0)), Map.of()));
    long hundredths = Math.round(x * 100);
    String expected = hundredths % 100 == 0
        ? Long.toString(hundredths / 100) : Double.toString(hundredths / 100.0);
    assertEquals(expected, JSON.readTree(frame).path("coins").path(0).path("x").toString());
  }

  @Property(tries = 500)
  void everyEncodedStateIsJsonWithItsFields(@ForAll("players") List<ServerMessage.PlayerView> players,
      @ForAll @LongRange(min = 0) long tick) throws Exception {
    String frame = Codec.encode(new ServerMessage.State("room", tick, players,
        List.of(new ServerMessage.CoinView(1, 500, 500)), Map.of()));
    JsonNode json = JSON.readTree(frame);
    assertEquals("state", json.path("type").asText());
    assertEquals(players.size(), json.path("players").size());
    for (int i = 0; i < players.size(); i++) {
      assertEquals(players.get(i).name(), json.path("players").path(i).path("name").asText());
    }
  }

  private static void checkDecoded(String frame) {
    Decoded decoded = Codec.decode(frame, CodecTest.ARENA);
    if (decoded instanceof Decoded.Rejected rejected) {
      assertEquals(ErrorCode.BAD_MESSAGE, rejected.error().code());
      assertFalse(rejected.error().message().isBlank());
    } else {
      keepsTheRules(((Decoded.Message) decoded).message());
    }
  }

  private static void keepsTheRules(ClientMessage message) {
    if (message instanceof ClientMessage.Join join) {
      assertTrue(join.isQuick() || Codec.isValidRoomId(join.room()));
      assertTrue(Codec.isValidMode(join.mode()));
      assertFalse(join.isPrivate() && join.isQuick(), "a quick join is never private");
      assertTextRule(join.name(), Codec.MAX_NAME_LENGTH);
    } else if (message instanceof ClientMessage.Input input) {
      assertTrue(input.seq() >= 0 && input.seq() <= Codec.MAX_SEQ);
      assertTrue(Math.abs(input.values()[0]) <= 1 && Math.abs(input.values()[1]) <= 1);
    } else if (message instanceof ClientMessage.Chat chat) {
      assertTextRule(chat.text(), Codec.MAX_CHAT_LENGTH);
    } else if (message instanceof ClientMessage.Ping ping) {
      assertTrue(Double.isFinite(ping.t()));
    } else if (message instanceof ClientMessage.Resume resume) {
      assertTextRule(resume.token(), Codec.MAX_TOKEN_LENGTH);
    }
  }

  private static void assertTextRule(String text, int maxLength) {
    int length = text.codePointCount(0, text.length());
    assertTrue(length >= 1 && length <= maxLength, () -> "length " + length);
    assertTrue(text.codePoints().noneMatch(Character::isISOControl));
    assertFalse(text.isBlank());
  }

  /** Objects with a plausible or arbitrary type and plausible fields holding any kind of value. */
  @Provide
  Arbitrary<String> jsonFrames() {
    Arbitrary<String> type = Arbitraries.oneOf(
        Arbitraries.of("join", "input", "chat", "leave", "ping"), Arbitraries.strings().ofMaxLength(10));
    Arbitrary<List<String>> fields = Arbitraries.of(
        "room", "name", "token", "resume", "mode", "private", "seq", "dx", "dy", "text", "t", "extra")
        .list().ofMaxSize(6);
    Arbitrary<List<JsonNode>> values = jsonValues().list().ofSize(6);
    return Combinators.combine(type, fields, values).as((t, names, vals) -> {
      ObjectNode object = NODES.objectNode().put("type", t);
      for (int i = 0; i < names.size(); i++) {
        object.set(names.get(i), vals.get(i));
      }
      return object.toString();
    });
  }

  private static Arbitrary<JsonNode> jsonValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300).map(NODES::textNode),
        Arbitraries.strings().withChars("abcAZ09_- .\u0000\n\u202e€😀").ofMaxLength(70).map(NODES::textNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.doubles().between(-1.5, 1.5).map(NODES::numberNode),
        Arbitraries.of(NODES.booleanNode(true), NODES.nullNode(), NODES.arrayNode(), NODES.objectNode()));
  }

  @Provide
  Arbitrary<List<ServerMessage.PlayerView>> players() {
    return Combinators.combine(
            Arbitraries.strings().ofMinLength(1).ofMaxLength(10),
            Arbitraries.strings().ofMaxLength(24),
            Arbitraries.doubles().between(0, 1000),
            Arbitraries.doubles().between(0, 1000),
            Arbitraries.longs().greaterOrEqual(0))
        .as(ServerMessage.PlayerView::new)
        .list().ofMaxSize(16);
  }
}
