package io.arena.game;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The fields a game's {@code input} carries besides {@code seq}, each required, with its limits. The
 * room decodes and checks them before the game sees an input: a missing or malformed field gets
 * {@code bad_message} naming it, and the game is not called.
 */
public final class InputSchema {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,31}");
  private static final List<String> RESERVED = List.of("type", "seq");

  /** What a field holds. */
  public enum Kind { NUMBER, INTEGER, CHOICE }

  /** One field: a number or an integer in [{@code min}, {@code max}], or one of {@code options}. */
  public record Field(String name, Kind kind, double min, double max, List<String> options) {
    public Field {
      if (name == null || !NAME.matcher(name).matches() || RESERVED.contains(name)) {
        throw new IllegalArgumentException("not a field name: " + name);
      }
      options = List.copyOf(options);
      if (kind == Kind.CHOICE && options.isEmpty()) {
        throw new IllegalArgumentException("field " + name + " needs options");
      }
      if (kind != Kind.CHOICE && !(min <= max)) {
        throw new IllegalArgumentException("field " + name + ": min must not exceed max");
      }
    }
  }

  private final List<Field> fields;

  private InputSchema(List<Field> fields) {
    this.fields = List.copyOf(fields);
    for (int i = 0; i < fields.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (fields.get(i).name().equals(fields.get(j).name())) {
          throw new IllegalArgumentException("field " + fields.get(i).name() + " twice");
        }
      }
    }
  }

  public static InputSchema of(Field... fields) {
    return new InputSchema(List.of(fields));
  }

  /** A number in [min, max]. */
  public static Field number(String name, double min, double max) {
    return new Field(name, Kind.NUMBER, min, max, List.of());
  }

  /** An integer in [min, max] (at most 2^53 in size, what JavaScript counts exactly). */
  public static Field integer(String name, long min, long max) {
    return new Field(name, Kind.INTEGER, min, max, List.of());
  }

  /** One of {@code options}, as a string. */
  public static Field choice(String name, String... options) {
    return new Field(name, Kind.CHOICE, 0, 0, List.of(options));
  }

  public List<Field> fields() {
    return fields;
  }

  public int size() {
    return fields.size();
  }
}
