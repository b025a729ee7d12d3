package io.arena.server.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Server-to-client WebSocket frames (RFC 6455 section 5.2) as the bytes that go on the wire, header
 * included. A server's frames are never masked, so one such buffer serves every socket that gets
 * the same message: a room's state frame is framed once per node and tick, and each socket writes
 * a duplicate of it past the WebSocket encoder, which lets plain buffers through.
 */
final class WireFrames {
  private static final int FIN_TEXT = 0x81;
  private static final int FIN_BINARY = 0x82;
  private static final int LENGTH_16 = 126;
  private static final int LENGTH_64 = 127;

  private WireFrames() {}

  /** One final text frame holding {@code utf8}, in a direct buffer of its own. */
  static ByteBuf text(ByteBufAllocator allocator, byte[] utf8) {
    return frame(allocator, FIN_TEXT, utf8);
  }

  /** One final binary frame holding {@code payload}, in a direct buffer of its own. */
  static ByteBuf binary(ByteBufAllocator allocator, byte[] payload) {
    return frame(allocator, FIN_BINARY, payload);
  }

  private static ByteBuf frame(ByteBufAllocator allocator, int opcode, byte[] payload) {
    int length = payload.length;
    int header = length < LENGTH_16 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuf frame = allocator.directBuffer(header + length);
    frame.writeByte(opcode);
    if (length < LENGTH_16) {
      frame.writeByte(length);
    } else if (length <= 0xFFFF) {
      frame.writeByte(LENGTH_16);
      frame.writeShort(length);
    } else {
      frame.writeByte(LENGTH_64);
      frame.writeLong(length);
    }
    return frame.writeBytes(payload);
  }
}
