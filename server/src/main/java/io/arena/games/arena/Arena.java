package io.arena.games.arena;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The arena's physics (protocol/README.md section 6): bodies that move by their latest input, and
 * coins to pick up. Mutable and confined to the one game that owns it; deterministic for a given
 * random source, so tests assert exact outcomes.
 */
public final class Arena {
  public static final double SIZE = 1000;
  public static final double SPEED = 200;
  public static final double PICKUP_RADIUS = 20;
  public static final int COIN_COUNT = 20;
  /** Spawn points keep this distance from other players when the arena has room for it. */
  private static final double SPAWN_CLEARANCE = 40;
  private static final int SPAWN_ATTEMPTS = 20;

  /** A player's position and latest input. */
  public static final class Body {
    double x;
    double y;
    double dx;
    double dy;

    Body(double x, double y) {
      this.x = x;
      this.y = y;
    }

    public double x() {
      return x;
    }

    public double y() {
      return y;
    }

    boolean isStill() {
      return dx == 0 && dy == 0;
    }
  }

  private final RandomGenerator random;
  private final double stepLength;
  private final Map<String, Body> bodies = new LinkedHashMap<>();
  private final int[] coinIds = new int[COIN_COUNT];
  private final double[] coinX = new double[COIN_COUNT];
  private final double[] coinY = new double[COIN_COUNT];
  private int nextCoinId;
  /**
   * The last step moved no body and picked no coin, and nothing was placed or steered since: the
   * next step would do nothing either.
   */
  private boolean settled;

  public Arena(RandomGenerator random, double tickSeconds) {
    this.random = random;
    this.stepLength = SPEED * tickSeconds;
    for (int coin = 0; coin < COIN_COUNT; coin++) {
      respawnCoin(coin);
    }
  }

  /** Puts the coins back as a checkpoint saw them. */
  public void restoreCoins(List<Coin> coins, int nextCoinId) {
    for (int coin = 0; coin < COIN_COUNT && coin < coins.size(); coin++) {
      coinIds[coin] = coins.get(coin).id();
      coinX[coin] = coins.get(coin).x();
      coinY[coin] = coins.get(coin).y();
    }
    this.nextCoinId = Math.max(this.nextCoinId, nextCoinId);
    settled = false;
  }

  public Body place(String playerId, double x, double y) {
    Body body = new Body(clamp(x), clamp(y));
    bodies.put(playerId, body);
    settled = false;
    return body;
  }

  /** A random spot away from other players (best effort: a crowded arena takes any spot). */
  public Body spawn(String playerId) {
    double x = 0;
    double y = 0;
    for (int attempt = 0; attempt < SPAWN_ATTEMPTS; attempt++) {
      x = random.nextDouble(SIZE);
      y = random.nextDouble(SIZE);
      if (isClear(x, y)) {
        break;
      }
    }
    return place(playerId, x, y);
  }

  private boolean isClear(double x, double y) {
    for (Body other : bodies.values()) {
      if (distanceSquared(other.x, other.y, x, y) < SPAWN_CLEARANCE * SPAWN_CLEARANCE) {
        return false;
      }
    }
    return true;
  }

  /** The body of {@code playerId}, or null. */
  public Body body(String playerId) {
    return bodies.get(playerId);
  }

  public void remove(String playerId) {
    bodies.remove(playerId);
  }

  /** Sets {@code body}'s input, clamped to the unit disc. */
  public void steer(Body body, double dx, double dy) {
    double length = Math.hypot(dx, dy);
    double scale = length > 1 ? 1 / length : 1;
    body.dx = dx * scale;
    body.dy = dy * scale;
    settled &= body.isStill();
  }

  /** Whether the next {@link #step} would change nothing: no body moves and no coin is in reach. */
  public boolean isSettled() {
    return settled;
  }

  /**
   * Advances one tick: everyone moves, then each coin within reach of a player is picked up (by the
   * earliest joined player in reach) and respawns elsewhere.
   *
   * @return the id of the picker of each coin picked up this tick, in coin order
   */
  public List<String> step() {
    boolean moved = false;
    for (Body body : bodies.values()) {
      moved |= !body.isStill();
      body.x = clamp(body.x + body.dx * stepLength);
      body.y = clamp(body.y + body.dy * stepLength);
    }
    List<String> pickers = List.of();
    for (int coin = 0; coin < COIN_COUNT; coin++) {
      String picker = firstInReach(coinX[coin], coinY[coin]);
      if (picker != null) {
        if (pickers.isEmpty()) {
          pickers = new ArrayList<>(2);
        }
        pickers.add(picker);
        respawnCoin(coin);
      }
    }
    settled = !moved && pickers.isEmpty();
    return pickers;
  }

  private String firstInReach(double x, double y) {
    for (Map.Entry<String, Body> entry : bodies.entrySet()) {
      Body body = entry.getValue();
      if (distanceSquared(body.x, body.y, x, y) <= PICKUP_RADIUS * PICKUP_RADIUS) {
        return entry.getKey();
      }
    }
    return null;
  }

  private void respawnCoin(int coin) {
    coinIds[coin] = nextCoinId++;
    coinX[coin] = random.nextDouble(SIZE);
    coinY[coin] = random.nextDouble(SIZE);
  }

  public int nextCoinId() {
    return nextCoinId;
  }

  public List<Coin> coins() {
    List<Coin> coins = new ArrayList<>(COIN_COUNT);
    for (int coin = 0; coin < COIN_COUNT; coin++) {
      coins.add(new Coin(coinIds[coin], coinX[coin], coinY[coin]));
    }
    return coins;
  }

  private static double clamp(double value) {
    return Math.max(0, Math.min(SIZE, value));
  }

  private static double distanceSquared(double x1, double y1, double x2, double y2) {
    double dx = x1 - x2;
    double dy = y1 - y2;
    return dx * dx + dy * dy;
  }
}
