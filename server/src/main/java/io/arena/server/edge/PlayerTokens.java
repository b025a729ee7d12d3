package io.arena.server.edge;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.arena.server.room.PlayerIds;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;

/**
 * Checks player tokens on {@code join} when {@code GAME_AUTH_SECRET} is set: an HS256 JWT whose
 * {@code sub} is the player id and which has not expired. Reasons for refusal are our own words,
 * never a library's exception text.
 */
public final class PlayerTokens {
  /** HS256 keys shorter than the hash are refused by the JWT library, and rightly so. */
  static final int MIN_SECRET_BYTES = 32;

  /** The outcome of checking a token. */
  public sealed interface Verdict {}

  public record Valid(String playerId) implements Verdict {}

  public record Invalid(String reason) implements Verdict {}

  private final MACVerifier verifier;
  private final Clock clock;

  public PlayerTokens(byte[] secret, Clock clock) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("GAME_AUTH_SECRET must be at least " + MIN_SECRET_BYTES
          + " bytes for HS256, was " + secret.length);
    }
    try {
      this.verifier = new MACVerifier(secret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("GAME_AUTH_SECRET is not a usable HS256 key", e);
    }
    this.clock = clock;
  }

  public Verdict verify(String token) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return new Invalid("player token is not a signed JWT");
    }
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
      return new Invalid("player token must be signed with HS256");
    }
    try {
      if (!jwt.verify(verifier)) {
        return new Invalid("player token signature does not match");
      }
    } catch (JOSEException e) {
      return new Invalid("player token signature cannot be checked");
    }
    Date expiry = claims.getExpirationTime();
    if (expiry == null) {
      return new Invalid("player token has no expiry (exp)");
    }
    if (!expiry.toInstant().isAfter(clock.instant())) {
      return new Invalid("player token has expired");
    }
    String subject = claims.getSubject();
    if (!PlayerIds.isValid(subject)) {
      return new Invalid("player token subject (sub) must be 1-64 characters of A-Z, a-z, 0-9, '_' and '-'");
    }
    return new Valid(subject);
  }
}
