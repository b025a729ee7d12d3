package io.arena.server.room;

import akka.actor.typed.ActorRef;
import io.arena.server.game.Arena;
import io.arena.server.game.PlayerIds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Who is in a room: its players in the order they joined, seats promised to joins being stored,
 * who has a socket, and the name of everyone the ledger knows (so a departed player can resume).
 * Decides every join by the room's rules; confined to its room.
 */
final class Roster {

  /** What becomes of a join. */
  enum Seat {
    /** The player is in the room: the socket takes over. */
    ATTACH,
    /** A new seat: store the join, then attach. */
    STORE,
    ROOM_FULL,
    /** Not now (the room is closing, or the player is on its way out): try again. */
    UNAVAILABLE
  }

  private final int capacity;
  private final Map<String, Player> players = new LinkedHashMap<>();
  private final Map<String, String> knownNames = new HashMap<>();
  private int pendingJoins;
  private int connected;
  private long lastConnectedTick;

  Roster(int capacity) {
    this.capacity = capacity;
  }

  /** {@code playerId} null for a guest; {@code closing} while the room winds down. */
  Seat seatFor(String playerId, boolean closing) {
    Player present = playerId == null ? null : players.get(playerId);
    if (present != null && present.isActive()) {
      return Seat.ATTACH;
    }
    if (closing || present != null) {
      return Seat.UNAVAILABLE;
    }
    return players.size() + pendingJoins >= capacity ? Seat.ROOM_FULL : Seat.STORE;
  }

  /** A seat is held for a join being stored. */
  void joinPending() {
    pendingJoins++;
  }

  /** The stored join came back, a success or not. */
  void joinSettled() {
    pendingJoins--;
  }

  /** Someone the ledger knows by {@code name}: in the room or departed. */
  void know(String playerId, String name) {
    knownNames.put(playerId, name);
  }

  void forget(List<String> playerIds) {
    playerIds.forEach(knownNames::remove);
  }

  /** The name the ledger knows {@code playerId} by, or null. */
  String nameOf(String playerId) {
    return knownNames.get(playerId);
  }

  /** Whether anyone ever joined and is remembered. */
  boolean knowsAnyone() {
    return !knownNames.isEmpty();
  }

  String newGuestId(RandomGenerator random) {
    return PlayerIds.newId(random, knownNames::containsKey);
  }

  /** Seats {@code player}, without a socket as of {@code tick}. */
  void add(Player player, long tick) {
    player.detachedAtTick = tick;
    players.put(player.id, player);
  }

  Player get(String playerId) {
    return players.get(playerId);
  }

  /** The player, if in the room and not on its way out. */
  Player active(String playerId) {
    Player player = players.get(playerId);
    return player == null || !player.isActive() ? null : player;
  }

  void remove(String playerId) {
    players.remove(playerId);
  }

  Collection<Player> players() {
    return players.values();
  }

  int size() {
    return players.size();
  }

  /** Gives {@code player}, which has no socket, the one at {@code connection}. */
  void attach(Player player, GameRoom.Connection connection) {
    player.connection = connection;
    connected++;
  }

  /** The player keeps its seat without a socket, standing still; returns the socket it had. */
  GameRoom.Connection detach(Player player, long tick) {
    GameRoom.Connection previous = player.connection;
    if (previous != null) {
      player.connection = null;
      player.detachedAtTick = tick;
      Arena.steer(player.body, 0, 0);
      if (--connected == 0) {
        lastConnectedTick = tick;
      }
    }
    return previous;
  }

  /** The players connected through {@code edge} (all of them on it lost their sockets at once). */
  List<Player> connectedThrough(ActorRef<RoomUpdate> edge) {
    List<Player> through = new ArrayList<>();
    for (Player player : players.values()) {
      if (player.connection != null && player.connection.edge().equals(edge)) {
        through.add(player);
      }
    }
    return through;
  }

  /** Players whose socket has been gone for {@code graceTicks} are on their way out from now. */
  void expireDisconnected(long tick, long graceTicks) {
    for (Player player : players.values()) {
      if (player.connection == null && player.isActive() && tick - player.detachedAtTick >= graceTicks) {
        player.leaving = true;
      }
    }
  }

  int connected() {
    return connected;
  }

  /** Nobody has been connected for {@code idleTicks}: the room may stop. */
  boolean isIdle(long tick, long idleTicks) {
    return connected == 0 && tick - lastConnectedTick >= idleTicks;
  }

  /** The room starts (or restarts) at {@code tick}: idleness counts from here. */
  void startedAt(long tick) {
    lastConnectedTick = tick;
  }
}
