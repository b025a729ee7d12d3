package io.arena.server.room;

import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Player ids (protocol/README.md section 2): the ids rooms make for guests, and what any id must
 * look like, a player token's subject included.
 */
public final class PlayerIds {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** 62^10 (about 8 * 10^17) ids: the retry for one already taken almost never runs. */
  private static final int LENGTH = 10;

  private PlayerIds() {}

  /** 1-64 characters of {@code [A-Za-z0-9_-]}. */
  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  /** A new guest id of letters and digits that {@code taken} does not hold. */
  public static String newId(RandomGenerator random, Predicate<String> taken) {
    String id;
    do {
      id = RandomIds.next(random, LENGTH);
    } while (taken.test(id));
    return id;
  }
}
