package io.arena.loadtest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Open tic-tac-toe rooms for a measure of the node's heap per room (loadtest/roomheap.sh): opens
 * {@code rooms} rooms, each with two players seated and one move made (so a round runs), holds them
 * for {@code holdSeconds}, then closes them. Plain JDK sockets that never read (a room sends a
 * handful of small frames, which the kernel's buffers hold). Bounded in count and time, loopback
 * only.
 *
 * <pre>java -cp loadtest/target/test-classes io.arena.loadtest.RoomHeap PORT ROOMS HOLD_S</pre>
 */
public final class RoomHeap {
  /** Joins stored and the first round started before anyone moves: a round starts on the second join. */
  private static final long SETTLE_MILLIS = 5_000;

  private RoomHeap() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int rooms = Integer.parseInt(args[1]);
    int holdSeconds = Integer.parseInt(args[2]);
    InetAddress host = InetAddress.getLoopbackAddress();
    String prefix = "heap-" + Long.toString(System.nanoTime(), 36);
    List<Socket[]> pairs = new ArrayList<>(rooms);
    long started = System.nanoTime();
    for (int room = 0; room < rooms; room++) {
      Socket[] pair = {SocketStorm.open(host, port), SocketStorm.open(host, port)};
      for (int seat = 0; seat < 2; seat++) {
        send(pair[seat], "{\"type\":\"join\",\"room\":\"" + prefix + "-" + room + "\",\"name\":\"p" + seat
            + "\",\"game\":\"tictactoe\"}");
      }
      pairs.add(pair);
    }
    Thread.sleep(SETTLE_MILLIS);
    // Both try the same cell: X's move is taken, O's refused, and the round runs on with O to move.
    for (Socket[] pair : pairs) {
      for (Socket player : pair) {
        send(player, "{\"type\":\"input\",\"seq\":1,\"cell\":4}");
      }
    }
    System.out.printf("rooms: %d rooms open, two players seated and one move made, in %d ms%n", rooms,
        (System.nanoTime() - started) / 1_000_000 + SETTLE_MILLIS);
    System.out.println("rooms: holding for " + holdSeconds + " s");
    System.out.flush();
    for (int second = 0; second < holdSeconds; second++) {
      Thread.sleep(1000);
      if (second % 20 == 19) { // within the node's 120 s idle timeout for sockets
        for (Socket[] pair : pairs) {
          for (Socket player : pair) {
            send(player, "{\"type\":\"ping\",\"t\":0}");
          }
        }
      }
    }
    for (Socket[] pair : pairs) {
      for (Socket player : pair) {
        player.close();
      }
    }
    System.exit(0);
  }

  /** One masked text frame (RFC 6455 5.3; the mask is zero, which the server undoes all the same). */
  private static void send(Socket socket, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length > 125) {
      throw new IllegalArgumentException("a short frame only: " + text);
    }
    OutputStream out = socket.getOutputStream();
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(payload, 0, frame, 6, payload.length);
    out.write(frame);
  }
}
