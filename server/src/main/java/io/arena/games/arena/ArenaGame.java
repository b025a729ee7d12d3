package io.arena.games.arena;

import io.arena.game.Acks;
import io.arena.game.BinaryFrames;
import io.arena.game.Facts;
import io.arena.game.Game;
import io.arena.game.Input;
import io.arena.game.Player;
import io.arena.game.RoomSetup;
import io.arena.game.Verdict;
import io.arena.game.ViewWriter;
import io.arena.protocol.ServerMessage;
import io.arena.protocol.compact.CompactEncoder;
import io.arena.protocol.compact.CompactFrames;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One arena room: bodies and coins live in the {@link Arena}; a coin picked up is a fact, and the
 * score it earns shows once that fact is stored. A player who leaves keeps its score for a resume
 * until the room forgets it.
 */
final class ArenaGame implements Game<CoinPicked> {

  /** A player in the room: its name and its score as stored. */
  private static final class Scored {
    final String name;
    long score;

    Scored(String name, long score) {
      this.name = name;
      this.score = score;
    }
  }

  private final Arena arena;
  /** In the order they joined: the order of {@code players} in a state. */
  private final Map<String, Scored> players = new LinkedHashMap<>();
  private final Map<String, Long> departedScores = new HashMap<>();
  private final CompactEncoder compact = new CompactEncoder();

  ArenaGame(RoomSetup setup) {
    this.arena = new Arena(setup.random(), setup.tickSeconds());
  }

  // ---- durable ----

  @Override
  public void joined(Player player) {
    Long kept = departedScores.remove(player.id());
    players.put(player.id(), new Scored(player.name(), kept == null ? 0 : kept));
    arena.spawn(player.id());
  }

  @Override
  public void left(Player player) {
    Scored gone = players.remove(player.id());
    if (gone != null) {
      departedScores.put(player.id(), gone.score);
    }
    arena.remove(player.id());
  }

  @Override
  public void forgotten(String playerId) {
    departedScores.remove(playerId);
  }

  @Override
  public void apply(CoinPicked fact) {
    Scored picker = players.get(fact.playerId());
    if (picker != null) {
      picker.score++;
    } else {
      departedScores.computeIfPresent(fact.playerId(), (id, score) -> score + 1);
    }
  }

  // ---- hooks ----

  @Override
  public Verdict onInput(Player player, Input input, Facts<CoinPicked> facts) {
    Arena.Body body = arena.body(player.id());
    if (body != null) {
      arena.steer(body, input.number(0), input.number(1));
    }
    return Verdict.ACCEPT;
  }

  /** A player without a socket stands still until it sends input again. */
  @Override
  public void onDisconnect(Player player, Facts<CoinPicked> facts) {
    Arena.Body body = arena.body(player.id());
    if (body != null) {
      arena.steer(body, 0, 0);
    }
  }

  @Override
  public void onTick(Facts<CoinPicked> facts) {
    for (String picker : arena.step()) {
      facts.record(new CoinPicked(picker));
    }
  }

  /** Bodies still and no coin in reach: ticks would change nothing. */
  @Override
  public boolean isAtRest() {
    return arena.isSettled();
  }

  // ---- checkpoints: players with positions (inputs are not kept: they stand still), coins ----

  @Override
  public void save(DataOutput out) throws IOException {
    out.writeInt(players.size());
    for (Map.Entry<String, Scored> entry : players.entrySet()) {
      Arena.Body body = arena.body(entry.getKey());
      out.writeUTF(entry.getKey());
      out.writeUTF(entry.getValue().name);
      out.writeLong(entry.getValue().score);
      out.writeDouble(body.x());
      out.writeDouble(body.y());
    }
    out.writeInt(departedScores.size());
    for (Map.Entry<String, Long> departed : departedScores.entrySet()) {
      out.writeUTF(departed.getKey());
      out.writeLong(departed.getValue());
    }
    out.writeInt(arena.nextCoinId());
    List<Coin> coins = arena.coins();
    out.writeInt(coins.size());
    for (Coin coin : coins) {
      out.writeInt(coin.id());
      out.writeDouble(coin.x());
      out.writeDouble(coin.y());
    }
  }

  @Override
  public void load(DataInput in) throws IOException {
    for (int i = in.readInt(); i > 0; i--) {
      String id = in.readUTF();
      players.put(id, new Scored(in.readUTF(), in.readLong()));
      arena.place(id, in.readDouble(), in.readDouble());
    }
    for (int i = in.readInt(); i > 0; i--) {
      departedScores.put(in.readUTF(), in.readLong());
    }
    int nextCoinId = in.readInt();
    List<Coin> coins = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      coins.add(new Coin(in.readInt(), in.readDouble(), in.readDouble()));
    }
    arena.restoreCoins(coins, nextCoinId);
  }

  // ---- views ----

  /** {@code players} ({@code id, name, x, y, score}) and {@code coins} ({@code id, x, y}). */
  @Override
  public void writeView(ViewWriter out) {
    out.beginArray("players");
    for (Map.Entry<String, Scored> entry : players.entrySet()) {
      Arena.Body body = arena.body(entry.getKey());
      out.beginObject(null);
      out.string("id", entry.getKey());
      out.string("name", entry.getValue().name);
      out.hundredths("x", body.x());
      out.hundredths("y", body.y());
      out.integer("score", entry.getValue().score);
      out.endObject();
    }
    out.endArray();
    out.beginArray("coins");
    for (Coin coin : arena.coins()) {
      out.beginObject(null);
      out.integer("id", coin.id());
      out.hundredths("x", coin.x());
      out.hundredths("y", coin.y());
      out.endObject();
    }
    out.endArray();
  }

  /** The compact frames of protocol/README.md section 11. */
  @Override
  public BinaryFrames binaryState(String roomId, long tick, Acks acks) {
    List<ServerMessage.PlayerView> views = new ArrayList<>(players.size());
    Map<String, Long> ackMap = new LinkedHashMap<>();
    for (Map.Entry<String, Scored> entry : players.entrySet()) {
      Arena.Body body = arena.body(entry.getKey());
      views.add(new ServerMessage.PlayerView(entry.getKey(), entry.getValue().name, body.x(),
          body.y(), entry.getValue().score));
      ackMap.put(entry.getKey(), acks.of(entry.getKey()));
    }
    List<Coin> coins = arena.coins();
    List<ServerMessage.CoinView> coinViews = new ArrayList<>(coins.size());
    for (Coin coin : coins) {
      coinViews.add(new ServerMessage.CoinView(coin.id(), coin.x(), coin.y()));
    }
    CompactFrames frames =
        compact.encode(new ServerMessage.State(roomId, tick, views, coinViews, ackMap));
    return new BinaryFrames(frames.keyframe(), frames.delta());
  }
}
