package io.arena.server;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One per edge node: takes a room's frame once and hands it to each of the room's players whose
 * socket is on this node. A room so sends one message per edge node per tick, not one per player,
 * and a frame crosses the network once per node. The room says who is attached; this node forgets
 * a room when it stops and a player when its session does.
 */
public final class RoomFanout extends AbstractBehavior<RoomFanout.Command> {

  public sealed interface Command extends CborSerializable {}

  /** From now on, {@code room}'s frames go to {@code player} too. */
  public record Attach(ActorRef<GameRoom.Command> room, ActorRef<GameRoom.Update> player)
      implements Command {}

  public record Detach(ActorRef<GameRoom.Command> room, ActorRef<GameRoom.Update> player)
      implements Command {}

  /** A frame for every player of {@code room} on this node. */
  public record Deliver(ActorRef<GameRoom.Command> room, GameRoom.Frame frame) implements Command {}

  private record RoomStopped(ActorRef<GameRoom.Command> room) implements Command {}

  private record PlayerStopped(ActorRef<GameRoom.Update> player) implements Command {}

  /** {@code sockets}: this node's sockets, which the fanout writes to directly. */
  public static Behavior<Command> create(SocketOutlets sockets) {
    return Behaviors.setup(ctx -> new RoomFanout(ctx, sockets));
  }

  private final Map<ActorRef<GameRoom.Command>, List<ActorRef<GameRoom.Update>>> playersByRoom =
      new HashMap<>();
  /** How many rooms each player is attached to here: one, but for a moment while it moves. */
  private final Map<ActorRef<GameRoom.Update>, Integer> roomsByPlayer = new HashMap<>();

  private final SocketOutlets sockets;

  private RoomFanout(ActorContext<Command> ctx, SocketOutlets sockets) {
    super(ctx);
    this.sockets = sockets;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(Attach.class, this::onAttach)
        .onMessage(Detach.class, msg -> detach(msg.room(), msg.player()))
        .onMessage(RoomStopped.class, this::onRoomStopped)
        .onMessage(PlayerStopped.class, this::onPlayerStopped)
        .build();
  }

  private Behavior<Command> onDeliver(Deliver deliver) {
    List<ActorRef<GameRoom.Update>> players = playersByRoom.get(deliver.room());
    if (players != null) {
      for (ActorRef<GameRoom.Update> player : players) {
        SocketOutlets.Outlet socket = sockets.of(player);
        if (socket != null) {
          socket.offerRoomFrame(deliver.frame());
        } else {
          player.tell(deliver.frame()); // no socket here (yet, or any more): the player itself
        }
      }
    }
    return this;
  }

  private Behavior<Command> onAttach(Attach attach) {
    List<ActorRef<GameRoom.Update>> players = playersByRoom.computeIfAbsent(attach.room(), room -> {
      getContext().watchWith(room, new RoomStopped(room));
      return new ArrayList<>();
    });
    if (!players.contains(attach.player())) {
      players.add(attach.player());
      if (roomsByPlayer.merge(attach.player(), 1, Integer::sum) == 1) {
        getContext().watchWith(attach.player(), new PlayerStopped(attach.player()));
      }
    }
    return this;
  }

  private Behavior<Command> detach(ActorRef<GameRoom.Command> room, ActorRef<GameRoom.Update> player) {
    List<ActorRef<GameRoom.Update>> players = playersByRoom.get(room);
    if (players != null && players.remove(player)) {
      forgetRoomOf(player);
      if (players.isEmpty()) {
        playersByRoom.remove(room);
        getContext().unwatch(room);
      }
    }
    return this;
  }

  private void forgetRoomOf(ActorRef<GameRoom.Update> player) {
    if (roomsByPlayer.merge(player, -1, Integer::sum) == 0) {
      roomsByPlayer.remove(player);
      getContext().unwatch(player);
    }
  }

  private Behavior<Command> onRoomStopped(RoomStopped stopped) {
    List<ActorRef<GameRoom.Update>> players = playersByRoom.remove(stopped.room());
    if (players != null) {
      players.forEach(this::forgetRoomOf);
    }
    return this;
  }

  private Behavior<Command> onPlayerStopped(PlayerStopped stopped) {
    for (ActorRef<GameRoom.Command> room : List.copyOf(playersByRoom.keySet())) {
      detach(room, stopped.player());
    }
    return this;
  }
}
