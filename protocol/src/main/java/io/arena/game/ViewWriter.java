package io.arena.game;

/**
 * Where a game writes what players see, as fields of the {@code state} frame (the room writes
 * {@code type}, {@code room}, {@code tick} before them and {@code acks} after). Inside an object
 * every value has a name; inside an array names are null. The room encodes a view once per tick
 * (or change) and format, for every player who sees it.
 */
public interface ViewWriter {
  void beginObject(String name);

  void endObject();

  void beginArray(String name);

  void endArray();

  /** A string, or null. */
  void string(String name, String value);

  void integer(String name, long value);

  void bool(String name, boolean value);

  /** A number rounded to hundredths, written as the shortest decimal ("12", "12.5", "12.05"). */
  void hundredths(String name, double value);

  void nil(String name);
}
