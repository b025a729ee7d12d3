package io.arena.server.edge;

import io.arena.protocol.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/** A player's socket as its {@link PlayerSession} sees it. Every method runs on {@link #loop()}. */
interface PlayerSocket {
  /** This socket's number on this node, unique while the node runs. */
  long id();

  /** The event loop the socket and its session are confined to. */
  EventLoop loop();

  /** A control frame (joined, chat, error, pong): delivered in order, never dropped while bounded. */
  void send(ServerMessage message);

  /**
   * A frame framed for the wire and shared with other sockets (the buffer stays the caller's). A
   * {@code latestOnly} one (state) is superseded by the next while the client is slow.
   */
  void send(ByteBuf wire, boolean latestOnly);

  /** Closes with a WebSocket close code and reason; later calls do nothing. */
  void close(int code, String reason);
}
