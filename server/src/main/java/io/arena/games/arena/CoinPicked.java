package io.arena.games.arena;

/** The arena's one fact: {@code playerId} picked up a coin, one point. */
public record CoinPicked(String playerId) {}
