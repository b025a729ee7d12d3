package io.arena.protocol.compact;

import java.nio.charset.StandardCharsets;

/** Reads what {@link FrameWriter} writes; anything cut short or malformed is a {@link CompactFormatException}. */
final class FrameReader {
  private final byte[] bytes;
  private int position;

  FrameReader(byte[] bytes) {
    this.bytes = bytes;
  }

  boolean hasMore() {
    return position < bytes.length;
  }

  int remaining() {
    return bytes.length - position;
  }

  int readByte() {
    if (position == bytes.length) {
      throw new CompactFormatException("frame ends early, at byte " + position);
    }
    return bytes[position++] & 0xFF;
  }

  long readVarint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int next = readByte();
      value |= (long) (next & 0x7F) << shift;
      if ((next & 0x80) == 0) {
        return value;
      }
    }
    throw new CompactFormatException("varint longer than 10 bytes, at byte " + position);
  }

  long readSigned() {
    long zigzag = readVarint();
    return (zigzag >>> 1) ^ -(zigzag & 1);
  }

  /** A count of entries that take at least one byte each, so at most what is left of the frame. */
  int readCount() {
    long count = readVarint();
    if (count > remaining()) {
      throw new CompactFormatException("count " + count + " exceeds the " + remaining() + " bytes left");
    }
    return (int) count;
  }

  String readString() {
    int length = readCount();
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }
}
