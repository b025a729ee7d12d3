package io.arena.server.edge;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import io.arena.server.metrics.GameMetrics;
import io.arena.server.room.GameRoom;
import io.arena.server.room.RoomInbox;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends players' inputs to their rooms: to a room on this node at once, and to rooms on another
 * node gathered per event loop for a short window, then as one message to that node's
 * {@link RoomInbox}. One remote message per input cost a split edge and game pair 2.0 times a
 * single node's CPU per input (loadtest/BENCHMARKS.md); a window of a few milliseconds makes it one
 * per loop and window, and delays an input by half the window on average (a tick is 50 ms).
 */
public final class InputBatcher {

  private final ActorRefResolver resolver;
  private final GameMetrics metrics;
  private final long windowNanos;
  private final Map<EventLoop, LoopBatches> loops = new ConcurrentHashMap<>();
  private final Map<Address, ActorRef<RoomInbox.Inputs>> inboxes = new ConcurrentHashMap<>();

  public InputBatcher(ActorSystem<?> system, GameMetrics metrics, Duration window) {
    this.resolver = ActorRefResolver.get(system);
    this.metrics = metrics;
    this.windowNanos = window.toNanos();
  }

  /** Sends {@code input} to {@code room}; called on {@code loop}, in the order of each player's inputs. */
  void send(EventLoop loop, ActorRef<GameRoom.Command> room, GameRoom.ApplyInput input) {
    Address node = room.path().address();
    if (node.hasLocalScope()) {
      metrics.inputsToLocalRooms.inc();
      room.tell(input);
    } else {
      metrics.inputsToRemoteRooms.inc();
      if (windowNanos == 0) {
        room.tell(input);
      } else {
        loops.computeIfAbsent(loop, LoopBatches::new).add(node, room, input);
      }
    }
  }

  private ActorRef<RoomInbox.Inputs> inboxOf(Address node) {
    return inboxes.computeIfAbsent(node,
        address -> resolver.resolveActorRef(address + "/user/" + RoomInbox.NAME));
  }

  /** The inputs one event loop gathers, by node and room; confined to that loop. */
  private final class LoopBatches {
    private final EventLoop loop;
    private final Map<Address, Map<ActorRef<GameRoom.Command>, List<GameRoom.ApplyInput>>> byNode =
        new HashMap<>();

    LoopBatches(EventLoop loop) {
      this.loop = loop;
    }

    void add(Address node, ActorRef<GameRoom.Command> room, GameRoom.ApplyInput input) {
      Map<ActorRef<GameRoom.Command>, List<GameRoom.ApplyInput>> rooms = byNode.get(node);
      if (rooms == null) {
        rooms = new LinkedHashMap<>();
        byNode.put(node, rooms);
        loop.schedule(() -> flush(node), windowNanos, TimeUnit.NANOSECONDS);
      }
      rooms.computeIfAbsent(room, ref -> new ArrayList<>(4)).add(input);
    }

    private void flush(Address node) {
      Map<ActorRef<GameRoom.Command>, List<GameRoom.ApplyInput>> rooms = byNode.remove(node);
      List<RoomInbox.RoomInputs> batch = new ArrayList<>(rooms.size());
      rooms.forEach((room, inputs) -> batch.add(new RoomInbox.RoomInputs(room, inputs)));
      inboxOf(node).tell(new RoomInbox.Inputs(batch));
    }
  }
}
