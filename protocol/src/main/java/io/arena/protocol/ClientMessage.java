package io.arena.protocol;

/** A frame a game client sends to the server (protocol/README.md section 2). */
public sealed interface ClientMessage
    permits ClientMessage.Join,
        ClientMessage.Resume,
        ClientMessage.Input,
        ClientMessage.Chat,
        ClientMessage.Leave,
        ClientMessage.Ping {

  /**
   * {@code join} as a new player; {@code token} is null for guests. {@code room} is null for a
   * quick join (protocol/README.md section 10: the server picks or opens a room of {@code mode}).
   * {@code mode} and {@code isPrivate} take effect only when this join creates the room.
   */
  record Join(String room, String name, String token, String mode, boolean isPrivate)
      implements ClientMessage {

    /** A join by room id into a public room of the default mode, as most clients send it. */
    public Join(String room, String name, String token) {
      this(room, name, token, Codec.DEFAULT_MODE, false);
    }

    public boolean isQuick() {
      return room == null;
    }
  }

  /** {@code join} with a {@code resume} token: come back as the same player. */
  record Resume(String token) implements ClientMessage {}

  /** {@code input}: the latest movement intent, {@code dx} and {@code dy} in [-1, 1]. */
  record Input(long seq, double dx, double dy) implements ClientMessage {}

  /** {@code chat}: a line of text for the room. */
  record Chat(String text) implements ClientMessage {}

  /** {@code leave}: leave the room, keeping the socket. */
  record Leave() implements ClientMessage {}

  /** {@code ping}: latency probe carrying the client's clock. */
  record Ping(double t) implements ClientMessage {}
}
