package io.arena.protocol.compact;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes of a compact frame as they are written (protocol/README.md section 11.1): bytes,
 * LEB128 varints, zigzag varints and length-prefixed UTF-8. Reused frame after frame.
 */
final class FrameWriter {
  /** A keyframe of 16 players and 20 coins is about 600 bytes: one growth at most. */
  private byte[] bytes = new byte[512];
  private int length;

  void reset() {
    length = 0;
  }

  int length() {
    return length;
  }

  /** Reserves one byte, to be set once known (a header, a mask). */
  int skip() {
    ensure(1);
    return length++;
  }

  /** Forgets what was written from {@code at} on. */
  void truncate(int at) {
    length = at;
  }

  void set(int at, int value) {
    bytes[at] = (byte) value;
  }

  void writeByte(int value) {
    ensure(1);
    bytes[length++] = (byte) value;
  }

  /** An unsigned LEB128 varint: 7 bits a byte, least significant first, high bit = more. */
  void writeVarint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      bytes[length++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[length++] = (byte) value;
  }

  /** A signed number as the varint of its zigzag form: 0, -1, 1, -2, 2 become 0, 1, 2, 3, 4. */
  void writeSigned(long value) {
    writeVarint((value << 1) ^ (value >> 63));
  }

  void writeString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarint(utf8.length);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, bytes, length, utf8.length);
    length += utf8.length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
