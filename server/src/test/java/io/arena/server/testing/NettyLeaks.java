package io.arena.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class after which Netty's leak detector reported a buffer that was never released.
 * Registered for every test class (META-INF/services, autodetection on in junit-platform.properties);
 * the tests run with the detector at paranoid level (surefire's argLine, {@link NodeProcess}), which
 * tracks every buffer. The detector reports through its logger, into {@link Reports}.
 */
public final class NettyLeaks implements AfterAllCallback {
  /** Collections and allocations that give the detector its chance to report: it checks on allocation. */
  private static final int ROUNDS = 5;

  private static final List<String> REPORTED = new CopyOnWriteArrayList<>();

  /** The logback appender that keeps the detector's reports (see logback-test.xml). */
  public static final class Reports extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getFormattedMessage().contains(NodeProcess.LEAK_MARK)) {
        REPORTED.add(event.getFormattedMessage());
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    assertNoneLeaked(context.getDisplayName());
  }

  /** Gives the detector its chances to report, then fails if it reported anything so far. */
  public static void assertNoneLeaked(String where) throws InterruptedException {
    for (int round = 0; round < ROUNDS; round++) {
      System.gc();
      Thread.sleep(20);
      ByteBufAllocator.DEFAULT.directBuffer(1).release();
      ByteBufAllocator.DEFAULT.heapBuffer(1).release();
      Unpooled.directBuffer(1).release();
    }
    if (!REPORTED.isEmpty()) {
      List<String> leaks = List.copyOf(REPORTED);
      REPORTED.clear();
      throw new AssertionError(leaks.size() + " Netty buffer(s) leaked by the end of " + where
          + ":\n" + String.join("\n", leaks));
    }
  }
}
