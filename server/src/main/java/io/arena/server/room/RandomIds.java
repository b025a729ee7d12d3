package io.arena.server.room;

import java.util.random.RandomGenerator;

/** Ids the server makes (guest player ids, quick-join room ids): letters and digits only. */
public final class RandomIds {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private RandomIds() {}

  /** {@code length} characters from {@code random}: 62^length ids. */
  public static String next(RandomGenerator random, int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
