package io.arena.server.room;

import akka.actor.typed.ActorRef;
import io.arena.game.Acks;
import io.arena.game.Players;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Who is in a room: its players in the order they joined, seats promised to joins being stored,
 * who has a socket, and everyone the ledger knows (so a departed player can resume, with its last
 * input, until the room forgets it). Decides every join by the room's rules; confined to its room.
 */
final class Roster implements Acks, Players {

  /** What becomes of a join. */
  enum Seat {
    /** The player is in the room: the socket takes over. */
    ATTACH,
    /** A new seat: store the join, then attach. */
    STORE,
    ROOM_FULL,
    /** Not now (the room is closing, or the player is on its way in or out): try again. */
    UNAVAILABLE
  }

  /** A player the ledger knows: its name, and for a departed one its last input and departure. */
  private record Known(String name, long lastSeq, long departure) {}

  private final int capacity;
  private final Map<String, Player> players = new LinkedHashMap<>();
  private final Map<String, Known> known = new HashMap<>();
  /** Ids whose join is being stored. */
  private final Map<String, Boolean> pending = new HashMap<>();
  private long lastDeparture;
  private int connected;
  private long lastConnectedBeat;

  Roster(int capacity) {
    this.capacity = capacity;
  }

  int capacity() {
    return capacity;
  }

  /** The last input applied for {@code playerId}, as the room's acks show it (0 if not here). */
  @Override
  public long of(String playerId) {
    Player player = players.get(playerId);
    return player == null ? 0 : player.lastSeq;
  }

  /** {@code playerId} null for a guest; {@code closing} while the room winds down. */
  Seat seatFor(String playerId, boolean closing) {
    Player present = playerId == null ? null : players.get(playerId);
    if (present != null && present.isActive()) {
      return Seat.ATTACH;
    }
    if (closing || present != null || (playerId != null && pending.containsKey(playerId))) {
      return Seat.UNAVAILABLE;
    }
    return players.size() + pending.size() >= capacity ? Seat.ROOM_FULL : Seat.STORE;
  }

  /** A seat is held for {@code playerId}'s join while it is stored. */
  void joinPending(String playerId) {
    pending.put(playerId, Boolean.TRUE);
  }

  /** The stored join came back. */
  void joinSettled(String playerId) {
    pending.remove(playerId);
  }

  /** Someone the ledger knows by {@code name}, in the room. */
  void know(String playerId, String name) {
    known.put(playerId, new Known(name, 0, 0));
  }

  /** {@code playerId} left, its last input {@code lastSeq}: the latest departure. */
  void departed(String playerId, long lastSeq) {
    Known was = known.get(playerId);
    known.put(playerId, new Known(was == null ? playerId : was.name(), lastSeq, ++lastDeparture));
  }

  /** As the ledger stored {@code playerId}: departed ones in the order they left. */
  void knowStored(String playerId, String name, boolean present, long lastSeq, long departure) {
    known.put(playerId, new Known(name, present ? 0 : lastSeq, present ? 0 : departure));
    lastDeparture = Math.max(lastDeparture, departure);
  }

  void forget(List<String> playerIds) {
    playerIds.forEach(known::remove);
  }

  /** The departed players to forget so that at most {@code kept} stay remembered, longest gone first. */
  List<String> beyondDeparted(int kept) {
    List<Map.Entry<String, Known>> departed = new ArrayList<>();
    for (Map.Entry<String, Known> entry : known.entrySet()) {
      if (entry.getValue().departure() > 0 && !players.containsKey(entry.getKey())) {
        departed.add(entry);
      }
    }
    if (departed.size() <= kept) {
      return List.of();
    }
    departed.sort(Map.Entry.comparingByValue(
        (a, b) -> Long.compare(a.departure(), b.departure())));
    List<String> forgotten = new ArrayList<>();
    for (int i = 0; i < departed.size() - kept; i++) {
      forgotten.add(departed.get(i).getKey());
    }
    return forgotten;
  }

  /** The name the ledger knows {@code playerId} by, or null. */
  String nameOf(String playerId) {
    Known player = known.get(playerId);
    return player == null ? null : player.name();
  }

  /** The last input of a departed player, 0 for one never seen. */
  long departedLastSeq(String playerId) {
    Known player = known.get(playerId);
    return player == null ? 0 : player.lastSeq();
  }

  /** Whether anyone ever joined and is remembered. */
  boolean knowsAnyone() {
    return !known.isEmpty() || !pending.isEmpty();
  }

  String newGuestId(RandomGenerator random) {
    return PlayerIds.newId(random, id -> known.containsKey(id) || pending.containsKey(id));
  }

  /** Seats {@code player}, without a socket as of {@code beat}. */
  void add(Player player, long beat) {
    player.detachedAtBeat = beat;
    players.put(player.id, player);
  }

  Player get(String playerId) {
    return players.get(playerId);
  }

  @Override
  public Player find(String playerId) {
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

  /** The player keeps its seat without a socket; returns the socket it had. */
  GameRoom.Connection detach(Player player, long beat) {
    GameRoom.Connection previous = player.connection;
    if (previous != null) {
      player.connection = null;
      player.detachedAtBeat = beat;
      if (--connected == 0) {
        lastConnectedBeat = beat;
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

  /** The players whose socket has been gone for {@code graceBeats}, not yet on their way out. */
  List<Player> disconnectedPast(long beat, long graceBeats) {
    List<Player> expired = List.of();
    for (Player player : players.values()) {
      if (player.connection == null && player.isActive() && beat - player.detachedAtBeat >= graceBeats) {
        if (expired.isEmpty()) {
          expired = new ArrayList<>(2);
        }
        expired.add(player);
      }
    }
    return expired;
  }

  int connected() {
    return connected;
  }

  /** Nobody has been connected for {@code idleBeats}: the room may stop. */
  boolean isIdle(long beat, long idleBeats) {
    return connected == 0 && beat - lastConnectedBeat >= idleBeats;
  }

  /** The room starts (or restarts) at {@code beat}: idleness counts from here. */
  void startedAt(long beat) {
    lastConnectedBeat = beat;
  }
}
