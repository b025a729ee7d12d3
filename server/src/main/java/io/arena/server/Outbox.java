package io.arena.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a slow socket has not yet taken: every control frame (joined, chat, error, pong) in order,
 * and only the newest state frame, since an older one is stale once a newer exists. Used as the
 * aggregate of the outbound stream's conflate stage.
 */
final class Outbox {
  /** A client this far behind on control frames loses the oldest ones rather than our memory. */
  static final int MAX_CONTROL_FRAMES = 256;

  private final GameMetrics metrics;
  private final Deque<String> control = new ArrayDeque<>();
  private String latestState;

  Outbox(GameMetrics metrics, GameRoom.Frame first) {
    this.metrics = metrics;
    add(first);
  }

  Outbox add(GameRoom.Frame frame) {
    if (frame.latestOnly()) {
      if (latestState != null) {
        metrics.droppedFrames.inc();
      }
      latestState = frame.json();
    } else {
      if (control.size() == MAX_CONTROL_FRAMES) {
        control.removeFirst();
        metrics.droppedFrames.inc();
      }
      control.addLast(frame.json());
    }
    return this;
  }

  List<String> drain() {
    List<String> frames = new ArrayList<>(control.size() + 1);
    frames.addAll(control);
    if (latestState != null) {
      frames.add(latestState);
    }
    metrics.framesOut.inc(frames.size());
    return frames;
  }
}
