package io.arena.protocol;

/** The outcome of decoding one text frame: a message, or the error to answer with. */
public sealed interface Decoded permits Decoded.Message, Decoded.Rejected {

  record Message(ClientMessage message) implements Decoded {}

  record Rejected(ServerMessage.Error error) implements Decoded {}
}
