package io.arena.protocol.compact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arena.protocol.Codec;
import io.arena.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact format byte by byte (protocol/README.md section 11), and what decoders refuse. */
class CompactFramesTest {
  private static final String ADA = "k3F9aQ2LmZ";

  private static byte[] hex(String bytes) {
    return HexFormat.ofDelimiter(" ").parseHex(bytes);
  }

  private static ServerMessage.State ada(long tick, double x, double y, long score, long ack,
      ServerMessage.CoinView coin) {
    return new ServerMessage.State("lobby-1", tick, List.of(new ServerMessage.PlayerView(ADA, "Ada", x, y, score)),
        List.of(coin), Map.of(ADA, ack));
  }

  /** The worked example of section 11.6. */
  private static List<ServerMessage.State> example() {
    Map<String, Long> acks = new LinkedHashMap<>();
    acks.put(ADA, 14L);
    acks.put("Zq", 0L);
    ServerMessage.CoinView respawned = new ServerMessage.CoinView(1, 300.25, 7);
    return List.of(
        ada(42, 10, 20.12, 3, 12, new ServerMessage.CoinView(0, 500.5, 1000)),
        ada(43, 12, 20.12, 3, 13, new ServerMessage.CoinView(0, 500.5, 1000)),
        ada(44, 14, 20.5, 3, 14, respawned),
        new ServerMessage.State("lobby-1", 45, List.of(new ServerMessage.PlayerView(ADA, "Ada", 16, 20.88, 4),
            new ServerMessage.PlayerView("Zq", "Bo", 1, 2, 0)), List.of(respawned), acks));
  }

  @Test
  void theWorkedExampleOfTheSpecificationIsExactlyWhatTheEncoderWrites() {
    CompactEncoder encoder = new CompactEncoder();
    List<CompactFrames> frames = new ArrayList<>();
    example().forEach(state -> frames.add(encoder.encode(state)));
    assertArrayEquals(hex("00 2a 07 6c 6f 62 62 79 2d 31 01 0a 6b 33 46 39 61 51 32 4c 6d 5a 03 41 64 61"
        + " d0 0f b8 1f 00 00 06 18 01 00 84 8e 06 c0 9a 0c"), frames.get(0).keyframe());
    assertNull(frames.get(0).delta(), "the first tick has no base");
    assertArrayEquals(hex("0d 2b 01 90 03 00 01 02"), frames.get(1).delta());
    assertArrayEquals(hex("2d 2c 01 00 4c 01 02 01 00 02 92 d5 03 f8 0a"), frames.get(2).delta());
    assertArrayEquals(hex("13 2d 02 01 00 02 5a 71 02 42 6f c8 01 90 03 00 00 01 02"), frames.get(3).delta());
  }

  @Test
  void decodingTheWorkedExampleGivesItsJsonStates() {
    CompactEncoder encoder = new CompactEncoder();
    CompactDecoder decoder = new CompactDecoder();
    for (ServerMessage.State state : example()) {
      CompactFrames frames = encoder.encode(state);
      assertEquals(state.tick(), decoder.apply(frames.frameFor(decoder.hasState() ? decoder.tick() : -1)));
      assertEquals(Codec.encode(state), Codec.encode(decoder.state()));
    }
    assertEquals(14, decoder.ackOf(ADA));
    assertEquals(-1, decoder.ackOf("nobody"));
  }

  @Test
  void aSocketGetsTheDeltaOnlyRightAfterItsBase() {
    CompactFrames frames = new CompactFrames(10, new byte[] {1}, new byte[] {0});
    assertTrue(frames.deltaFits(9));
    assertEquals(0, frames.frameFor(-1)[0], "nothing received yet: keyframe");
    assertEquals(0, frames.frameFor(8)[0], "missed tick 9: keyframe");
    assertEquals(0, frames.frameFor(10)[0], "a tick again (a room that went back): keyframe");
    assertEquals(0, new CompactFrames(10, null, new byte[] {0}).frameFor(9)[0], "no delta: keyframe");
  }

  @Test
  void aGapInTicksOrAnotherRoomGivesNoDelta() {
    CompactEncoder encoder = new CompactEncoder();
    encoder.encode(ada(1, 0, 0, 0, 0, new ServerMessage.CoinView(0, 1, 1)));
    assertNull(encoder.encode(ada(3, 0, 0, 0, 0, new ServerMessage.CoinView(0, 1, 1))).delta());
    assertNull(encoder.encode(new ServerMessage.State("other", 4, List.of(), List.of(), Map.of())).delta());
  }

  @Test
  void decodersRefuseWhatIsNotAFrameOfTheirStream() {
    CompactDecoder fresh = new CompactDecoder();
    assertThrows(CompactFormatException.class, () -> fresh.apply(hex("0d 2b 01 90 03 00 01 02")),
        "a delta before any keyframe");
    assertThrows(IllegalStateException.class, fresh::state);

    CompactDecoder decoder = new CompactDecoder();
    byte[] keyframe = new CompactEncoder().encode(example().get(0)).keyframe();
    decoder.apply(keyframe);
    String before = Codec.encode(decoder.state());
    for (String bad : new String[] {
        "", "40", "0d 2c 01 90 03 00 01 02", "0d 2b 01 90", "0d 2b 01 90 03 00 01 02 00",
        "21 2b 05 00 02 00 00", "00 2a", "00 2a ff ff ff ff ff ff ff ff ff ff 01"}) {
      assertThrows(CompactFormatException.class, () -> decoder.apply(hex(bad)), bad);
      assertEquals(before, Codec.encode(decoder.state()), "a refused frame changes nothing: " + bad);
    }
    assertThrows(CompactFormatException.class, () -> decoder.apply(hex("03 2b 02 02 01")),
        "a roster naming a player the state does not have");
  }

  @Test
  void eightPlayersKeepingTheirInputCostTwoBytesATick() {
    CompactEncoder encoder = new CompactEncoder();
    List<ServerMessage.PlayerView> players = new ArrayList<>();
    Map<String, Long> acks = new LinkedHashMap<>();
    List<ServerMessage.CoinView> coins = new ArrayList<>();
    for (int c = 0; c < 20; c++) {
      coins.add(new ServerMessage.CoinView(c, c * 50, 999 - c * 40));
    }
    byte[] delta = null;
    for (long tick = 1; tick <= 3; tick++) {
      players.clear();
      for (int p = 0; p < 8; p++) {
        players.add(new ServerMessage.PlayerView("player" + p, "P" + p, 100 + p * 50 + tick * 7.07,
            200 + tick * 7.07, p));
        acks.put("player" + p, 5L);
      }
      delta = encoder.encode(new ServerMessage.State("r", tick, players, coins, acks)).delta();
    }
    assertEquals(2, delta.length, "header and tick check: everything went as predicted");
  }
}
