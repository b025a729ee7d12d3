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
   * {@code game} is null when the join names none (section 12.1).
   */
  record Join(String room, String name, String token, String mode, boolean isPrivate, String game)
      implements ClientMessage {

    /** A join by room id into a public room of the default mode, as most clients send it. */
    public Join(String room, String name, String token) {
      this(room, name, token, Codec.DEFAULT_MODE, false, null);
    }

    public boolean isQuick() {
      return room == null;
    }
  }

  /** {@code join} with a {@code resume} token: come back as the same player. */
  record Resume(String token) implements ClientMessage {}

  /**
   * {@code input}: {@code seq}, and the game's fields in the order its schema declares them (a
   * choice as the index of its option); the arena's are {@code dx} and {@code dy} in [-1, 1].
   */
  record Input(long seq, double[] values) implements ClientMessage {
    @Override
    public boolean equals(Object other) {
      return other instanceof Input input && seq == input.seq
          && java.util.Arrays.equals(values, input.values);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(seq) * 31 + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Input[seq=" + seq + ", values=" + java.util.Arrays.toString(values) + "]";
    }
  }

  /** {@code chat}: a line of text for the room. */
  record Chat(String text) implements ClientMessage {}

  /** {@code leave}: leave the room, keeping the socket. */
  record Leave() implements ClientMessage {}

  /** {@code ping}: latency probe carrying the client's clock. */
  record Ping(double t) implements ClientMessage {}
}
