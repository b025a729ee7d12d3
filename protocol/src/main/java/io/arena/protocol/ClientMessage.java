package io.arena.protocol;

/** A frame a game client sends to the server (protocol/README.md section 2). */
public sealed interface ClientMessage
    permits ClientMessage.Join,
        ClientMessage.Resume,
        ClientMessage.Input,
        ClientMessage.Chat,
        ClientMessage.Leave,
        ClientMessage.Ping {

  /** {@code join} as a new player; {@code token} is null for guests. */
  record Join(String room, String name, String token) implements ClientMessage {}

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
