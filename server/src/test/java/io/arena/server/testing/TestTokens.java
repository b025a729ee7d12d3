package io.arena.server.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Player tokens as an identity provider would issue them, for tests. */
public final class TestTokens {
  public static final String SECRET = "player-token-secret-of-at-least-32-bytes";

  private TestTokens() {}

  public static String issue(String secret, JWSAlgorithm algorithm, String subject, Instant expiry) {
    try {
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject);
      if (expiry != null) {
        claims.expirationTime(Date.from(expiry));
      }
      SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException("test token could not be signed", e);
    }
  }

  public static String valid(String subject) {
    return issue(SECRET, JWSAlgorithm.HS256, subject, Instant.now().plusSeconds(3600));
  }
}
