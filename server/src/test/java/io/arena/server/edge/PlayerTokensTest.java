package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import io.arena.server.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PlayerTokensTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final PlayerTokens TOKENS = new PlayerTokens(
      TestTokens.SECRET.getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));

  private static PlayerTokens.Verdict verify(String token) {
    return TOKENS.verify(token);
  }

  private static String token(String subject, Instant expiry) {
    return TestTokens.issue(TestTokens.SECRET, JWSAlgorithm.HS256, subject, expiry);
  }

  @Test
  void validTokenNamesItsSubject() {
    assertEquals(new PlayerTokens.Valid("user-42_x"), verify(token("user-42_x", NOW.plusSeconds(60))));
  }

  @Test
  void expiredOrNeverExpiringTokensAreRefused() {
    assertEquals(new PlayerTokens.Invalid("player token has expired"), verify(token("u", NOW)));
    assertEquals(new PlayerTokens.Invalid("player token has no expiry (exp)"), verify(token("u", null)));
  }

  @Test
  void tokenSignedWithAnotherSecretIsRefused() {
    String forged = TestTokens.issue("some-other-secret-also-32-bytes-long!!", JWSAlgorithm.HS256, "u",
        NOW.plusSeconds(60));
    assertEquals(new PlayerTokens.Invalid("player token signature does not match"), verify(forged));
  }

  @Test
  void onlyHs256IsAccepted() {
    String hs512 = TestTokens.issue(TestTokens.SECRET + TestTokens.SECRET, JWSAlgorithm.HS512, "u",
        NOW.plusSeconds(60));
    assertEquals(new PlayerTokens.Invalid("player token must be signed with HS256"), verify(hs512));
    String header = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String body = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"sub\":\"u\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));
    assertEquals(new PlayerTokens.Invalid("player token is not a signed JWT"), verify(header + "." + body + "."));
  }

  @Test
  void subjectMustBeAUsablePlayerId() {
    assertEquals(PlayerTokens.Invalid.class, verify(token("ada@example.com", NOW.plusSeconds(60))).getClass());
    assertEquals(PlayerTokens.Invalid.class, verify(token(null, NOW.plusSeconds(60))).getClass());
  }

  @Test
  void garbageIsRefusedWithoutAnException() {
    assertEquals(new PlayerTokens.Invalid("player token is not a signed JWT"), verify("not.a.jwt"));
    assertEquals(new PlayerTokens.Invalid("player token is not a signed JWT"), verify(""));
  }

  @Test
  void secretShorterThanTheHashIsRejectedAtStart() {
    assertThrows(IllegalArgumentException.class,
        () -> new PlayerTokens("short".getBytes(StandardCharsets.UTF_8), Clock.systemUTC()));
  }
}
