package io.arena.protocol;

import java.util.List;
import java.util.Map;

/** A frame the server sends to a game client (protocol/README.md section 3). */
public sealed interface ServerMessage
    permits ServerMessage.Joined,
        ServerMessage.State,
        ServerMessage.ChatLine,
        ServerMessage.Pong,
        ServerMessage.Error {

  /**
   * {@code joined}. {@code lastSeq} extends the contract: the last input {@code seq} the room
   * applied for this player, so a resumed client continues numbering above it. {@code game}: the
   * room's game (section 12); {@code tickRate} is 0 for a turn-based game.
   */
  record Joined(String room, String game, String playerId, String resume, long tick, int tickRate,
      long lastSeq) implements ServerMessage {}

  /** {@code state}: the room as of {@code tick}. */
  record State(
      String room, long tick, List<PlayerView> players, List<CoinView> coins, Map<String, Long> acks)
      implements ServerMessage {}

  record PlayerView(String id, String name, double x, double y, long score) {}

  record CoinView(int id, double x, double y) {}

  /** {@code chat}: a line said in the room. */
  record ChatLine(String from, String name, String text) implements ServerMessage {}

  /** {@code pong}: {@code t} echoed, {@code serverTime} in ms since the epoch. */
  record Pong(double t, long serverTime) implements ServerMessage {}

  /** {@code error}: a request failed; the socket stays open. */
  record Error(ErrorCode code, String message) implements ServerMessage {}
}
