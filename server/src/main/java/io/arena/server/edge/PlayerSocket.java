package io.arena.server.edge;

import io.arena.protocol.ServerMessage;
import io.arena.protocol.StateFormat;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/** A player's socket as its {@link PlayerSession} sees it. Every method runs on {@link #loop()}. */
interface PlayerSocket {
  /** This socket's number on this node, unique while the node runs. */
  long id();

  /** The event loop the socket and its session are confined to. */
  EventLoop loop();

  /** The format this socket reads {@code state} in, chosen when it opened. */
  StateFormat stateFormat();

  /** A control frame (joined, chat, error, pong): delivered in order, never dropped while bounded. */
  void send(ServerMessage message);

  /** A control frame framed for the wire and shared with other sockets (it stays the caller's). */
  void sendShared(ByteBuf wire);

  /**
   * A state, in this socket's format, superseded by the next while the client is slow ({@code
   * state} stays the caller's). Compact states are deltas from the last one sent while they
   * follow it.
   */
  void sendState(StateWire state);

  /**
   * The states from now on are of another room, or of a new run of the same room (after a
   * failover): the next compact one is a keyframe, and a state still waiting is dropped.
   */
  void startStateStream();

  /** Closes with a WebSocket close code and reason; later calls do nothing. */
  void close(int code, String reason);
}
