package io.arena.server;

import akka.actor.typed.ActorRef;
import akka.stream.BoundedSourceQueue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's open sockets, by the ref their rooms know their sessions by, so the node's
 * {@link RoomFanout} writes each state frame straight into the socket's outbound queue instead of
 * sending it through the session first: one message less per player per tick.
 */
final class SocketOutlets {
  private final Map<ActorRef<GameRoom.Update>, Outlet> outlets = new ConcurrentHashMap<>();

  /** One socket's outbound queue; thread-safe, like the queue itself. */
  static final class Outlet {
    /** Set when the socket's stream starts, before anything can reach its session. */
    private volatile BoundedSourceQueue<GameRoom.Frame> queue;
    private final GameMetrics metrics;
    /** Set by the session: only a joined session that is not re-attaching shows room frames. */
    private volatile boolean showsRoomFrames;

    Outlet(GameMetrics metrics) {
      this.metrics = metrics;
    }

    void open(BoundedSourceQueue<GameRoom.Frame> queue) {
      this.queue = queue;
    }

    void showRoomFrames(boolean show) {
      showsRoomFrames = show;
    }

    /** A frame from the room, shown only while the session says so. */
    void offerRoomFrame(GameRoom.Frame frame) {
      if (showsRoomFrames) {
        offer(frame);
      }
    }

    void offer(GameRoom.Frame frame) {
      if (!queue.offer(frame).isEnqueued()) {
        metrics.droppedFrames.inc();
      }
    }
  }

  void register(ActorRef<GameRoom.Update> session, Outlet outlet) {
    outlets.put(session, outlet);
  }

  void unregister(ActorRef<GameRoom.Update> session) {
    outlets.remove(session);
  }

  /** The socket of {@code session}, or null if it is not on this node (or closed). */
  Outlet of(ActorRef<GameRoom.Update> session) {
    return outlets.get(session);
  }
}
