package io.arena.game;

/**
 * A game's own binary form of one tick's {@code state}, for sockets opened with
 * {@code ?state=compact}: a {@code keyframe} that decodes alone, and a {@code delta} against the
 * tick before (null when there is none). The room sends each socket the delta only if it got the
 * tick before.
 */
public record BinaryFrames(byte[] keyframe, byte[] delta) {}
