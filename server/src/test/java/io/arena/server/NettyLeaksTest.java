package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arena.server.testing.NettyLeaks;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** The leak check that every test class passes through can fail: a dropped buffer is reported. */
class NettyLeaksTest {

  @Test
  void testsRunWithTheDetectorAtParanoidLevel() {
    assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
  }

  @Test
  void aBufferDroppedWithoutReleaseFailsTheCheck() throws Exception {
    NettyLeaks.assertNoneLeaked("the tests before");
    leakOne();
    AssertionError failure = assertThrows(AssertionError.class,
        () -> NettyLeaks.assertNoneLeaked("this test"));
    assertTrue(failure.getMessage().contains("1 Netty buffer(s) leaked"), failure.getMessage());
    NettyLeaks.assertNoneLeaked("the check, which forgets what it reported");
  }

  private static void leakOne() {
    ByteBufAllocator.DEFAULT.directBuffer(64).writeLong(42);
  }
}
