package io.arena.server.edge;

import io.arena.protocol.Codec;
import io.arena.server.room.PlayerIds;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks {@code resume} tokens: {@code room.playerId.signature}, an HMAC-SHA256 over room
 * and player under {@code GAME_SECRET}. Any node that shares the secret accepts the token, so no
 * edge keeps session state; nobody without the secret can make one for another player.
 */
public final class ResumeTokens {
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  /** Who a valid token speaks for. */
  public record Claim(String room, String playerId) {}

  private final SecretKeySpec key;

  public ResumeTokens(byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("the resume secret must not be empty");
    }
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  public String issue(String room, String playerId) {
    return room + "." + playerId + "." + ENCODER.encodeToString(sign(room, playerId));
  }

  public Optional<Claim> verify(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !Codec.isValidRoomId(parts[0]) || !PlayerIds.isValid(parts[1])) {
      return Optional.empty();
    }
    byte[] expected = ENCODER.encodeToString(sign(parts[0], parts[1])).getBytes(StandardCharsets.US_ASCII);
    byte[] given = parts[2].getBytes(StandardCharsets.US_ASCII);
    // Constant time: a timing side channel must not reveal the signature byte by byte.
    return MessageDigest.isEqual(expected, given)
        ? Optional.of(new Claim(parts[0], parts[1]))
        : Optional.empty();
  }

  private byte[] sign(String room, String playerId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal((room + "/" + playerId).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }
}
