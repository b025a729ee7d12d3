package io.arena.game;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What a room gives its game when it makes it. A game takes time only from {@code clock} and
 * chance only from {@code random}: the test kit passes ones it controls, so every run of a test
 * is the same. {@code tickSeconds} is the time one tick stands for (0 for a turn-based game).
 * {@code players} tells, at any time, who is in the room and connected (a view may show it).
 */
public record RoomSetup(String roomId, String mode, Clock clock, RandomGenerator random,
    double tickSeconds, Players players) {}
