package io.arena.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain socket, byte by byte: it reads only when asked to, so it can play a
 * slow client (with a small receive buffer, the server's side fills up soon), and it is cheap
 * enough to open hundreds at once. Loopback only.
 */
public final class RawWebSocket implements AutoCloseable {
  public static final int CONTINUATION = 0;
  public static final int TEXT = 1;
  public static final int BINARY = 2;
  public static final int CLOSE = 8;
  public static final int PING = 9;
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final byte[] MASK = {0x12, 0x34, 0x56, 0x78};

  /** A frame from the server (never masked). */
  public record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** The server answered the upgrade with another status than 101. */
  public static final class Refused extends IOException {
    public final int status;

    public Refused(int status, String statusLine) {
      super("upgrade refused: " + statusLine);
      this.status = status;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects and upgrades; {@code receiveBufferBytes} > 0 sets the socket's receive buffer first. */
  public static RawWebSocket open(int port, int receiveBufferBytes) throws IOException {
    return open(port, receiveBufferBytes, "/ws");
  }

  /** The same, upgrading at {@code path} (with its query). */
  public static RawWebSocket open(int port, int receiveBufferBytes, String path) throws IOException {
    Socket socket = new Socket();
    if (receiveBufferBytes > 0) {
      socket.setReceiveBufferSize(receiveBufferBytes);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    RawWebSocket client = new RawWebSocket(socket);
    try {
      client.upgrade(port, path);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return client;
  }

  private void upgrade(int port, String path) throws IOException {
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String statusLine = line();
    for (String header = line(); !header.isEmpty(); header = line()) {
      // headers are not needed
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    if (status != 101) {
      throw new Refused(status, statusLine);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed during the upgrade");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /** One final, masked text frame, as clients must send. */
  public void sendText(String text) throws IOException {
    send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One masked frame: {@code opcode} 0 continues a message, {@code fin} ends it. A message may so
   * be sent in fragments (RFC 6455 section 5.4).
   */
  public void send(int opcode, boolean fin, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 8);
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xFF);
    }
    frame.write(MASK);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ MASK[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /** The next frame, whatever it is. */
  public Frame read() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    return new Frame(first & 0x0F, payload);
  }

  /** The close frame's code and reason, reading past anything before it. */
  public String readClose() throws IOException {
    for (Frame frame = read(); ; frame = read()) {
      if (frame.opcode() == CLOSE) {
        int code = (frame.payload()[0] & 0xFF) << 8 | frame.payload()[1] & 0xFF;
        return code + " " + new String(frame.payload(), 2, frame.payload().length - 2, StandardCharsets.UTF_8);
      }
    }
  }

  /** The next text frame, skipping pings. */
  public String readText() throws IOException {
    for (Frame frame = read(); ; frame = read()) {
      if (frame.opcode() == TEXT) {
        return frame.text();
      }
      if (frame.opcode() == CLOSE) {
        throw new IOException("closed by the server");
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
