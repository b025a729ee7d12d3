package io.arena.protocol.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arena.protocol.Codec;
import io.arena.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a room goes through and whatever frames a client misses, decoding the compact frames
 * it receives yields exactly the JSON {@code state} frames it would have received instead.
 */
class CompactFramesProperties {

  /** What happens in a room before one tick, or to the frame of that tick on its way. */
  sealed interface Step {}

  record Join(String id, String name, double x, double y) implements Step {}

  record Leave(int player) implements Step {}

  /** A player's new input: {@code (dx, dy)} per tick, and how far its seq jumps. */
  record Input(int player, double dx, double dy, long seqStep) implements Step {}

  /** A coin is picked up: it respawns with a new id, and the picker's stored score goes up. */
  record Pickup(int coin, double x, double y, int player, long points) implements Step {}

  /** A chat line: a text frame between two state frames, nothing the state decoder sees. */
  record Chat() implements Step {}

  /** The client is slow: this tick's frame is dropped (a later one replaces it). */
  record Drop() implements Step {}

  /** The client connects again: a new socket, a new decoder. */
  record Resume() implements Step {}

  /** The room restarts from a checkpoint {@code back} ticks old, on another node. */
  record Failover(int back) implements Step {}

  /** The room encodes nothing for {@code ticks} ticks (it had no compact socket). */
  record Pause(int ticks) implements Step {}

  @Property(tries = 400)
  void decodingTheFramesAClientReceivesYieldsTheJsonStatesExactly(
      @ForAll("plays") @Size(max = 120) List<Step> play) {
    new Run().play(play);
  }

  @Property(tries = 2000)
  void anyBytesDecodeOrAreACompactFormatException(@ForAll byte[] frame) {
    CompactDecoder decoder = new CompactDecoder();
    decoder.apply(keyframeOfOnePlayer());
    try {
      decoder.apply(frame);
    } catch (CompactFormatException expected) {
      // a clear refusal is the only other outcome
    }
  }

  @Property(tries = 300)
  void aDeltaForAnotherBaseIsRefusedAndChangesNothing(@ForAll("plays") @Size(max = 30) List<Step> play) {
    Run run = new Run();
    run.play(play);
    CompactEncoder encoder = new CompactEncoder();
    CompactFrames first = encoder.encode(run.nextState());
    CompactFrames second = encoder.encode(run.nextState());
    CompactFrames third = encoder.encode(run.nextState());
    CompactDecoder decoder = new CompactDecoder();
    decoder.apply(first.keyframe());
    String before = Codec.encode(decoder.state());
    assertThrows(CompactFormatException.class, () -> decoder.apply(third.delta()));
    assertEquals(before, Codec.encode(decoder.state()));
    decoder.apply(second.delta());
    decoder.apply(third.delta());
    assertEquals(third.tick(), decoder.tick());
  }

  private static byte[] keyframeOfOnePlayer() {
    return new CompactEncoder().encode(new ServerMessage.State("r", 7,
        List.of(new ServerMessage.PlayerView("p", "Ada", 1, 2, 3)), List.of(), Map.of("p", 4L))).keyframe();
  }

  @Provide
  Arbitrary<List<Step>> plays() {
    Arbitrary<Step> join = Combinators.combine(
        Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(24),
        coordinate(), coordinate()).as(Join::new);
    Arbitrary<Step> leave = Arbitraries.integers().between(0, 40).map(Leave::new);
    Arbitrary<Double> direction = Arbitraries.doubles().between(-1, 1)
        .edgeCases(edges -> edges.add(0.0));
    Arbitrary<Step> input = Combinators.combine(Arbitraries.integers().between(0, 40), direction, direction,
        Arbitraries.longs().between(1, 1L << 40).edgeCases(edges -> edges.add(1L))).as(Input::new);
    Arbitrary<Step> pickup = Combinators.combine(Arbitraries.integers().between(0, 19), coordinate(),
        coordinate(), Arbitraries.integers().between(0, 40), Arbitraries.longs().between(1, 3))
        .as(Pickup::new);
    Arbitrary<Step> failover = Arbitraries.integers().between(0, 25).map(Failover::new);
    Arbitrary<Step> pause = Arbitraries.integers().between(1, 5).map(Pause::new);
    return Arbitraries.frequencyOf(
        Tuple.of(4, join), Tuple.of(2, leave),
        Tuple.of(12, input), Tuple.of(3, pickup),
        Tuple.of(6, Arbitraries.just(new Chat())),
        Tuple.of(3, Arbitraries.just(new Drop())),
        Tuple.of(1, Arbitraries.just(new Resume())),
        Tuple.of(1, failover), Tuple.of(1, pause))
        .list();
  }

  private static Arbitrary<Double> coordinate() {
    return Arbitraries.doubles().between(0, 1000).edgeCases(edges -> edges.add(0.005, 999.995));
  }

  /**
   * A room, as the server runs it, and one client of it: each step happens, then the room ticks,
   * encodes its frames, and the client gets the one the edge picks for it, unless dropped.
   */
  private static final class Run {
    private static final int COINS = 20;
    private static final int HISTORY = 30;

    private Room room = new Room();
    /** The room as it was, newest last: what a failover goes back to. */
    private final List<Room> history = new ArrayList<>();
    private CompactEncoder encoder = new CompactEncoder();
    private CompactDecoder client = new CompactDecoder();
    /** The tick of the last frame the client got, as its edge tracks it; -1 for none. */
    private long receivedTick = -1;

    void play(List<Step> steps) {
      for (Step step : steps) {
        boolean deliver = true;
        if (step instanceof Join join) {
          if (room.players.stream().noneMatch(p -> p.id.equals(join.id()))) {
            room.players.add(new Mover(join.id(), join.name(), join.x(), join.y()));
          }
        } else if (step instanceof Leave leave) {
          if (!room.players.isEmpty()) {
            room.players.remove(leave.player() % room.players.size());
          }
        } else if (step instanceof Input input) {
          if (!room.players.isEmpty()) {
            Mover mover = room.players.get(input.player() % room.players.size());
            mover.dx = input.dx();
            mover.dy = input.dy();
            mover.ack += input.seqStep();
          }
        } else if (step instanceof Pickup pickup) {
          room.coinIds[pickup.coin()] = room.nextCoinId++;
          room.coinX[pickup.coin()] = pickup.x();
          room.coinY[pickup.coin()] = pickup.y();
          if (!room.players.isEmpty()) {
            room.players.get(pickup.player() % room.players.size()).score += pickup.points();
          }
        } else if (step instanceof Drop) {
          deliver = false;
        } else if (step instanceof Resume) {
          client = new CompactDecoder();
          receivedTick = -1;
        } else if (step instanceof Failover failover) {
          room = history.isEmpty() ? room
              : history.get(Math.max(0, history.size() - 1 - failover.back())).copy();
          history.clear();
          encoder = new CompactEncoder();
          receivedTick = -1;
        } else if (step instanceof Pause pause) {
          for (int i = 0; i < pause.ticks(); i++) {
            nextState();
          }
        }
        ServerMessage.State state = nextState();
        CompactFrames frames = encoder.encode(state);
        if (deliver) {
          client.apply(frames.frameFor(receivedTick));
          receivedTick = frames.tick();
          assertEquals(Codec.encode(state), Codec.encode(client.state()));
        }
      }
    }

    /** The room ticks: everyone moves by its input, and the state is what JSON would send. */
    ServerMessage.State nextState() {
      history.add(room.copy());
      if (history.size() > HISTORY) {
        history.remove(0);
      }
      room.tick++;
      for (Mover mover : room.players) {
        mover.x = Math.max(0, Math.min(1000, mover.x + mover.dx * 10));
        mover.y = Math.max(0, Math.min(1000, mover.y + mover.dy * 10));
      }
      return room.state();
    }
  }

  private static final class Room {
    long tick = 1L << 33;
    List<Mover> players = new ArrayList<>();
    int[] coinIds = new int[Run.COINS];
    double[] coinX = new double[Run.COINS];
    double[] coinY = new double[Run.COINS];
    int nextCoinId = Run.COINS;

    Room() {
      for (int c = 0; c < Run.COINS; c++) {
        coinIds[c] = c;
        coinX[c] = c * 37.123;
        coinY[c] = 1000 - c * 41.5;
      }
    }

    Room copy() {
      Room copy = new Room();
      copy.tick = tick;
      players.forEach(p -> copy.players.add(p.copy()));
      copy.coinIds = coinIds.clone();
      copy.coinX = coinX.clone();
      copy.coinY = coinY.clone();
      copy.nextCoinId = nextCoinId;
      return copy;
    }

    ServerMessage.State state() {
      List<ServerMessage.PlayerView> views = new ArrayList<>();
      Map<String, Long> acks = new LinkedHashMap<>();
      for (Mover mover : players) {
        views.add(new ServerMessage.PlayerView(mover.id, mover.name, mover.x, mover.y, mover.score));
        acks.put(mover.id, mover.ack);
      }
      List<ServerMessage.CoinView> coins = new ArrayList<>();
      for (int c = 0; c < Run.COINS; c++) {
        coins.add(new ServerMessage.CoinView(coinIds[c], coinX[c], coinY[c]));
      }
      return new ServerMessage.State("room-1", tick, views, coins, acks);
    }
  }

  private static final class Mover {
    final String id;
    final String name;
    double x;
    double y;
    double dx;
    double dy;
    long score;
    long ack;

    Mover(String id, String name, double x, double y) {
      this.id = id;
      this.name = name;
      this.x = x;
      this.y = y;
    }

    Mover copy() {
      Mover copy = new Mover(id, name, x, y);
      copy.dx = dx;
      copy.dy = dy;
      copy.score = score;
      copy.ack = ack;
      return copy;
    }
  }
}
