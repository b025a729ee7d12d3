package io.arena.server.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void burstIsAvailableAtOnceThenTheRateRefills() {
    TokenBucket bucket = new TokenBucket(10, 3, 0);
    assertTrue(bucket.tryTake(0));
    assertTrue(bucket.tryTake(0));
    assertTrue(bucket.tryTake(0));
    assertFalse(bucket.tryTake(0), "the burst is spent");
    assertFalse(bucket.tryTake(99), "10 per second: the next token comes at 100 ms");
    assertTrue(bucket.tryTake(100));
    assertFalse(bucket.tryTake(100));
  }

  @Test
  void savesUpNoMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(10, 2, 0);
    int taken = 0;
    while (bucket.tryTake(60_000)) {
      taken++;
    }
    assertTrue(taken == 2, "a minute of quiet still allows only the burst, took " + taken);
  }

  @Test
  void clockGoingBackwardsGivesNothingAway() {
    TokenBucket bucket = new TokenBucket(10, 1, 1_000);
    assertTrue(bucket.tryTake(1_000));
    assertFalse(bucket.tryTake(500));
    assertFalse(bucket.tryTake(1_050));
    assertTrue(bucket.tryTake(1_100));
  }
}
