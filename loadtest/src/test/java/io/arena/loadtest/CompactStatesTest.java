package io.arena.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arena.protocol.ServerMessage;
import io.arena.protocol.compact.CompactEncoder;
import io.arena.protocol.compact.CompactFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Gatling player's compact states, as Gatling may hand its frames over: not always in order. */
class CompactStatesTest {
  private final List<CompactFrames> frames = new ArrayList<>();

  CompactStatesTest() {
    CompactEncoder encoder = new CompactEncoder();
    for (long tick = 1; tick <= 30; tick++) {
      frames.add(encoder.encode(new ServerMessage.State("room", tick,
          List.of(new ServerMessage.PlayerView("me", "Me", tick * 3.5, 500, 0)), List.of(),
          Map.of("me", tick))));
    }
  }

  private byte[] delta(long tick) {
    return frames.get((int) tick - 1).delta();
  }

  @Test
  void aFrameHandedOverBehindALaterOneIsAppliedInOrderAndTheLaterOneAfterIt() {
    CompactStates states = new CompactStates();
    List<Long> applied = new ArrayList<>();
    states.apply(frames.get(0).keyframe(), applied::add);
    states.apply(delta(3), applied::add);
    states.apply(delta(2), applied::add);
    states.apply(delta(4), applied::add);
    assertEquals(List.of(1L, 2L, 3L, 4L), applied);
    assertEquals(4, states.ackOf("me"));
  }

  @Test
  void aDeltaWhoseBaseNeverComesIsLostAndCountedOnceItIsTooOld() {
    CompactStates states = new CompactStates();
    long lostBefore = Tally.undecodableFrames.sum();
    states.apply(frames.get(0).keyframe(), tick -> { });
    states.apply(delta(3), tick -> { });
    states.apply(frames.get(19).keyframe(), tick -> { });
    assertEquals(lostBefore + 1, Tally.undecodableFrames.sum(), "tick 3's delta waited 19 ticks");
    assertEquals(20, states.ackOf("me"));
  }
}
