package io.arena.loadtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reconnect storm, as when an edge dies and its players come to the survivors: opens
 * {@code sockets} WebSockets to one node as fast as {@code threads} connecting threads can, holds
 * them idle for {@code holdSeconds} (for the node's memory per idle socket to be read), then
 * closes them. Meanwhile one player plays in a room and the longest gap between its state frames
 * is measured. Plain JDK, no Gatling: {@code loadtest/storm.sh} runs it.
 *
 * <pre>java -cp loadtest/target/test-classes io.arena.loadtest.SocketStorm PORT SOCKETS HOLD_S [THREADS]</pre>
 *
 * Bounded in count and time, and loopback only.
 */
public final class SocketStorm {
  private static final int TIMEOUT_MILLIS = 10_000;

  private SocketStorm() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    int holdSeconds = Integer.parseInt(args[2]);
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    InetAddress host = InetAddress.getLoopbackAddress();

    Watcher watcher = new Watcher();
    HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), watcher).get(10, TimeUnit.SECONDS)
        .sendText("{\"type\":\"join\",\"room\":\"storm-watch\",\"name\":\"watcher\"}", true);
    Thread.sleep(2000);
    watcher.resetGap();

    ExecutorService connecting = Executors.newFixedThreadPool(threads);
    List<Future<Socket>> opening = new ArrayList<>(count);
    long[] connectMillis = new long[count];
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      int index = i;
      opening.add(connecting.submit(() -> {
        long begin = System.nanoTime();
        Socket socket = open(host, port);
        connectMillis[index] = (System.nanoTime() - begin) / 1_000_000;
        return socket;
      }));
    }
    List<Socket> open = new ArrayList<>(count);
    int failed = 0;
    String firstFailure = null;
    for (Future<Socket> socket : opening) {
      try {
        open.add(socket.get());
      } catch (Exception e) {
        failed++;
        firstFailure = firstFailure == null ? String.valueOf(e.getCause()) : firstFailure;
      }
    }
    long stormMillis = (System.nanoTime() - started) / 1_000_000;
    long gapDuringStorm = watcher.resetGap();
    connecting.shutdown();
    Arrays.sort(connectMillis);
    System.out.printf("storm: %d of %d sockets open in %d ms, %d failed%s; connect p50 %d ms, p99 %d ms, max %d ms%n",
        open.size(), count, stormMillis, failed, firstFailure == null ? "" : " (first: " + firstFailure + ")",
        connectMillis[count / 2], connectMillis[count * 99 / 100], connectMillis[count - 1]);
    System.out.printf("storm: the playing client's longest gap between state frames during the storm: %d ms (%d frames)%n",
        gapDuringStorm, watcher.frames.get());
    System.out.println("storm: holding " + open.size() + " idle sockets for " + holdSeconds + " s");
    System.out.flush();
    Thread.sleep(holdSeconds * 1000L);
    System.out.printf("storm: longest gap while holding: %d ms%n", watcher.resetGap());
    for (Socket socket : open) {
      socket.close();
    }
    System.exit(0);
  }

  /** Connects and upgrades to a WebSocket; the socket is then left idle (RoomHeap's too). */
  static Socket open(InetAddress host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String status = headers(socket.getInputStream());
      if (!status.startsWith("HTTP/1.1 101")) {
        throw new IOException("upgrade refused: " + status);
      }
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Reads the response head; returns its status line. */
  private static String headers(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (int lastFour = 0; lastFour != 0x0D0A0D0A; ) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the upgrade");
      }
      head.write(b);
      lastFour = lastFour << 8 | b;
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    return text.substring(0, text.indexOf('\r'));
  }

  /** The playing client: counts state frames and keeps the longest gap between two. */
  private static final class Watcher implements WebSocket.Listener {
    final AtomicLong frames = new AtomicLong();
    private final AtomicLong longestGapNanos = new AtomicLong();
    private volatile long lastFrameNanos = System.nanoTime();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        if (partial.indexOf("\"type\":\"state\"") >= 0) {
          long now = System.nanoTime();
          longestGapNanos.accumulateAndGet(now - lastFrameNanos, Math::max);
          lastFrameNanos = now;
          frames.incrementAndGet();
        }
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    /** The longest gap since the last call, in ms; starts measuring afresh. */
    long resetGap() {
      long now = System.nanoTime();
      long gap = Math.max(longestGapNanos.getAndSet(0), now - lastFrameNanos);
      return gap / 1_000_000;
    }
  }
}
