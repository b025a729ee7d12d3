package io.arena.games.arena;

/** A coin on the arena floor: {@code id} is new each time a coin respawns, so clients can tell. */
public record Coin(int id, double x, double y) {}
