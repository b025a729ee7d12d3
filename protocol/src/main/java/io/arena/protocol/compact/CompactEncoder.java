package io.arena.protocol.compact;

import io.arena.protocol.ServerMessage;
import java.util.List;
import java.util.Map;

/**
 * A room's {@code state} frames in the compact format (protocol/README.md section 11): each tick a
 * keyframe and a delta against the tick before. One per room, fed every tick it encodes; not
 * thread-safe. The encoding is deterministic: the same states give the same bytes.
 */
public final class CompactEncoder {
  static final int KEYFRAME = 0x00;
  static final int DELTA = 0x01;
  static final int ROSTER = 0x02;
  static final int MOVES = 0x04;
  static final int ACKS = 0x08;
  static final int SCORES = 0x10;
  static final int COINS = 0x20;

  private final FrameWriter out = new FrameWriter();
  private Snapshot previous = new Snapshot();
  private Snapshot current = new Snapshot();
  private boolean hasPrevious;
  /** Per current player: its index in the previous snapshot, or -1 for a new one. */
  private int[] from = new int[0];

  /**
   * The frames for {@code state}, whose {@code acks} hold one entry per player (as the room's
   * do). Coordinates are rounded to hundredths, as in JSON.
   */
  public CompactFrames encode(ServerMessage.State state) {
    read(state);
    boolean deltaPossible = hasPrevious && current.tick == previous.tick + 1
        && current.room.equals(previous.room) && current.coins == previous.coins;
    byte[] delta = deltaPossible ? writeDelta() : null;
    byte[] keyframe = writeKeyframe();
    Snapshot spare = previous;
    previous = current;
    current = spare;
    hasPrevious = true;
    return new CompactFrames(state.tick(), delta, keyframe);
  }

  /** Fills {@code current} from {@code state}, each player's step taken from the previous tick. */
  private void read(ServerMessage.State state) {
    List<ServerMessage.PlayerView> players = state.players();
    List<ServerMessage.CoinView> coins = state.coins();
    Map<String, Long> acks = state.acks();
    int n = players.size();
    current.resize(n, coins.size());
    current.room = state.room();
    current.tick = state.tick();
    if (from.length < n) {
      from = new int[Math.max(n, 2 * from.length)];
    }
    boolean follows = hasPrevious && state.tick() == previous.tick + 1;
    for (int i = 0; i < n; i++) {
      ServerMessage.PlayerView player = players.get(i);
      Long ack = acks.get(player.id());
      if (ack == null) {
        throw new IllegalArgumentException("no ack for player " + player.id());
      }
      current.ids[i] = player.id();
      current.names[i] = player.name();
      current.x[i] = Snapshot.hundredths(player.x());
      current.y[i] = Snapshot.hundredths(player.y());
      current.scores[i] = player.score();
      current.acks[i] = ack;
      int before = !follows ? -1
          : i < previous.players && previous.ids[i].equals(player.id())
              && previous.names[i].equals(player.name()) ? i
          : previous.indexOf(player.id(), player.name());
      from[i] = before;
      current.stepX[i] = before < 0 ? 0 : current.x[i] - previous.x[before];
      current.stepY[i] = before < 0 ? 0 : current.y[i] - previous.y[before];
    }
    if (acks.size() != n) {
      throw new IllegalArgumentException("acks must hold exactly the players: " + acks.keySet());
    }
    for (int c = 0; c < coins.size(); c++) {
      ServerMessage.CoinView coin = coins.get(c);
      current.coinIds[c] = coin.id();
      current.coinX[c] = Snapshot.hundredths(coin.x());
      current.coinY[c] = Snapshot.hundredths(coin.y());
    }
  }

  private byte[] writeKeyframe() {
    out.reset();
    out.writeByte(KEYFRAME);
    out.writeVarint(current.tick);
    out.writeString(current.room);
    out.writeVarint(current.players);
    for (int i = 0; i < current.players; i++) {
      writePlayer(i, true);
    }
    out.writeVarint(current.coins);
    for (int c = 0; c < current.coins; c++) {
      out.writeSigned(current.coinIds[c]);
      out.writeSigned(current.coinX[c]);
      out.writeSigned(current.coinY[c]);
    }
    return out.toByteArray();
  }

  private byte[] writeDelta() {
    out.reset();
    int header = out.skip();
    int flags = DELTA;
    out.writeByte((int) current.tick & 0xFF);
    if (rosterChanged()) {
      flags |= ROSTER;
      writeRoster();
    }
    if (writeMasked(Field.MOVE)) {
      flags |= MOVES;
    }
    if (writeMasked(Field.ACK)) {
      flags |= ACKS;
    }
    if (writeMasked(Field.SCORE)) {
      flags |= SCORES;
    }
    if (writeCoins()) {
      flags |= COINS;
    }
    out.set(header, flags);
    return out.toByteArray();
  }

  private boolean rosterChanged() {
    if (current.players != previous.players) {
      return true;
    }
    for (int i = 0; i < current.players; i++) {
      if (from[i] != i) {
        return true;
      }
    }
    return false;
  }

  /** Each player in order: 0 and the whole player for a new one, else 1 + its previous index. */
  private void writeRoster() {
    out.writeVarint(current.players);
    for (int i = 0; i < current.players; i++) {
      out.writeVarint(from[i] + 1);
      if (from[i] < 0) {
        writePlayer(i, false);
      }
    }
  }

  /** A whole player: in a keyframe with its steps, new in a delta's roster without (they are 0). */
  private void writePlayer(int i, boolean withSteps) {
    out.writeString(current.ids[i]);
    out.writeString(current.names[i]);
    out.writeSigned(current.x[i]);
    out.writeSigned(current.y[i]);
    if (withSteps) {
      out.writeSigned(current.stepX[i]);
      out.writeSigned(current.stepY[i]);
    }
    out.writeSigned(current.scores[i]);
    out.writeSigned(current.acks[i]);
  }

  private enum Field { MOVE, ACK, SCORE }

  /**
   * A section of per-player changes: a bit mask over the players (bit i of byte i / 8), then the
   * change of each player whose bit is set. Written only if some player changed.
   */
  private boolean writeMasked(Field field) {
    int maskAt = out.length();
    int maskBytes = (current.players + 7) / 8;
    for (int b = 0; b < maskBytes; b++) {
      out.writeByte(0);
    }
    boolean any = false;
    int mask = 0;
    for (int i = 0; i < current.players; i++) {
      int before = from[i];
      boolean changed = before >= 0 && writeChange(field, i, before);
      if (changed) {
        mask |= 1 << (i & 7);
        any = true;
      }
      if ((i & 7) == 7 || i == current.players - 1) {
        out.set(maskAt + i / 8, mask);
        mask = 0;
      }
    }
    if (!any) {
      out.truncate(maskAt);
    }
    return any;
  }

  /** Writes player {@code i}'s change of {@code field} if it has one. */
  private boolean writeChange(Field field, int i, int before) {
    switch (field) {
      case MOVE:
        long missX = current.stepX[i] - previous.stepX[before];
        long missY = current.stepY[i] - previous.stepY[before];
        if (missX == 0 && missY == 0) {
          return false;
        }
        out.writeSigned(missX);
        out.writeSigned(missY);
        return true;
      case ACK:
        return writeDifference(current.acks[i] - previous.acks[before]);
      default:
        return writeDifference(current.scores[i] - previous.scores[before]);
    }
  }

  private boolean writeDifference(long difference) {
    if (difference == 0) {
      return false;
    }
    out.writeSigned(difference);
    return true;
  }

  /** Each coin that changed: its slot, the change of its id, and where it now lies. */
  private boolean writeCoins() {
    int changed = 0;
    for (int c = 0; c < current.coins; c++) {
      if (coinChanged(c)) {
        changed++;
      }
    }
    if (changed == 0) {
      return false;
    }
    out.writeVarint(changed);
    for (int c = 0; c < current.coins; c++) {
      if (coinChanged(c)) {
        out.writeVarint(c);
        out.writeSigned(current.coinIds[c] - previous.coinIds[c]);
        out.writeSigned(current.coinX[c]);
        out.writeSigned(current.coinY[c]);
      }
    }
    return true;
  }

  private boolean coinChanged(int c) {
    return current.coinIds[c] != previous.coinIds[c] || current.coinX[c] != previous.coinX[c]
        || current.coinY[c] != previous.coinY[c];
  }
}
