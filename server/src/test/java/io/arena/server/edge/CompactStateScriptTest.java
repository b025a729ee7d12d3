package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.arena.protocol.Codec;
import io.arena.protocol.ServerMessage;
import io.arena.protocol.compact.CompactEncoder;
import io.arena.protocol.compact.CompactFrames;
import io.arena.server.testing.Commands;
import io.arena.server.testing.NodeProcess;
import io.arena.server.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The client SDK's decoder (protocol/js, as the game page loads it) in Node.js, on the frames the
 * Java encoder writes for a long random play that a socket receives with drops and resumes: it
 * must decode each to exactly the JSON state.
 */
class CompactStateScriptTest {
  private static final int TICKS = 3000;
  private static final long SEED = 20261127;

  @Test
  void theClientSdkDecodesEveryFrameASocketGetsToItsJsonState() throws Exception {
    Path cases = Files.createTempFile("compact-cases", ".json");
    try {
      ArrayNode play = casesOfARandomPlay();
      Files.writeString(cases, play.toString());
      Path script = NodeProcess.projectRoot().resolve("protocol/js/test/compact-cases.mjs");
      String output = Commands.run(List.of("node", script.toString(), cases.toString()), Map.of(),
          Duration.ofSeconds(60));
      assertTrue(output.contains("decoded " + play.size() + " frames exactly"), output);
    } finally {
      Files.deleteIfExists(cases);
    }
  }

  /**
   * A room of up to 12 players who join, leave, steer and pick up coins, with scores and acks up
   * to the largest a client counts to; its socket misses a tenth of the states and resumes now and
   * then. Each case: the frame the socket got, and the JSON state it stands for.
   */
  private static ArrayNode casesOfARandomPlay() {
    Random random = new Random(SEED);
    CompactEncoder encoder = new CompactEncoder();
    List<String[]> players = new ArrayList<>();
    Map<String, double[]> bodies = new LinkedHashMap<>();
    Map<String, long[]> counts = new LinkedHashMap<>();
    List<ServerMessage.CoinView> coins = new ArrayList<>();
    for (int c = 0; c < 20; c++) {
      coins.add(new ServerMessage.CoinView(c, random.nextDouble(1000), random.nextDouble(1000)));
    }
    ArrayNode cases = WsClient.JSON.createArrayNode();
    long receivedTick = -1;
    boolean newSocket = true;
    int nextCoinId = 20;
    for (long tick = (1L << 40) - 7; tick < (1L << 40) - 7 + TICKS; tick++) {
      if (players.size() < 12 && random.nextInt(40) == 0) {
        String id = "p" + random.nextInt(1000);
        if (!bodies.containsKey(id)) {
          players.add(new String[] {id, random.nextBoolean() ? "Zoë 🎉" : "Bo \"quoted\""});
          bodies.put(id, new double[] {random.nextDouble(1000), random.nextDouble(1000), 0, 0});
          counts.put(id, new long[] {random.nextInt(5), random.nextBoolean() ? 0 : Codec.MAX_SEQ - 10_000});
        }
      }
      if (!players.isEmpty() && random.nextInt(60) == 0) {
        String[] gone = players.remove(random.nextInt(players.size()));
        bodies.remove(gone[0]);
        counts.remove(gone[0]);
      }
      for (String[] player : players) {
        double[] body = bodies.get(player[0]);
        if (random.nextInt(10) == 0) {
          body[2] = random.nextDouble() * 2 - 1;
          body[3] = random.nextDouble() * 2 - 1;
          counts.get(player[0])[1] += 1 + random.nextInt(3);
        }
        body[0] = Math.max(0, Math.min(1000, body[0] + body[2] * 10));
        body[1] = Math.max(0, Math.min(1000, body[1] + body[3] * 10));
      }
      if (!players.isEmpty() && random.nextInt(8) == 0) {
        coins.set(random.nextInt(20), new ServerMessage.CoinView(nextCoinId++, random.nextDouble(1000),
            random.nextDouble(1000)));
        counts.get(players.get(random.nextInt(players.size()))[0])[0]++;
      }
      List<ServerMessage.PlayerView> views = new ArrayList<>();
      Map<String, Long> acks = new LinkedHashMap<>();
      for (String[] player : players) {
        double[] body = bodies.get(player[0]);
        long[] count = counts.get(player[0]);
        views.add(new ServerMessage.PlayerView(player[0], player[1], body[0], body[1], count[0]));
        acks.put(player[0], count[1]);
      }
      ServerMessage.State state = new ServerMessage.State("room-" + SEED, tick, views, List.copyOf(coins), acks);
      CompactFrames frames = encoder.encode(state);
      if (random.nextInt(100) == 0) {
        newSocket = true;
        receivedTick = -1;
      }
      if (random.nextInt(10) != 0) {
        cases.addObject()
            .put("frame", HexFormat.of().formatHex(frames.frameFor(receivedTick)))
            .put("expected", Codec.encode(state))
            .put("newSocket", newSocket);
        receivedTick = tick;
        newSocket = false;
      }
    }
    return cases;
  }
}
