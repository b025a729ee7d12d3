package io.arena.server.edge;

/** The WebSocket close codes (RFC 6455 section 7.4.1) the server closes player sockets with. */
public final class CloseCodes {
  /** Sustained abuse: over the rate limit for too long, or silent past the idle timeout. */
  public static final int POLICY_VIOLATION = 1008;
  /** A message over the hard limit, which is not read on. */
  public static final int MESSAGE_TOO_BIG = 1009;
  /** The node is stopping: reconnect (to any node) and resume. */
  public static final int SERVICE_RESTART = 1012;

  private CloseCodes() {}
}
