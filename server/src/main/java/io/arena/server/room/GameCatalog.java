package io.arena.server.room;

import io.arena.game.GameDefinition;
import io.arena.game.InputSchema;
import io.arena.protocol.Codec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The games this node hosts (protocol/README.md section 12): every {@link GameDefinition} on the
 * class path ({@link ServiceLoader}), or those {@code GAME_GAMES} names. Every game node of a
 * cluster must host the same games: a room may start on any of them. Immutable; read from any
 * thread.
 */
public final class GameCatalog {
  private static final InputSchema NO_INPUTS = InputSchema.of();

  private final Map<String, GameDefinition<?>> games;

  public GameCatalog(List<? extends GameDefinition<?>> definitions) {
    Map<String, GameDefinition<?>> byId = new LinkedHashMap<>();
    for (GameDefinition<?> definition : definitions) {
      if (!Codec.isValidGame(definition.id())) {
        throw new IllegalArgumentException("game id must be 1-32 characters of a-z, 0-9, '_' and '-': "
            + definition.id() + " (" + definition.getClass().getName() + ")");
      }
      if (byId.putIfAbsent(definition.id(), definition) != null) {
        throw new IllegalArgumentException("two games with the id " + definition.id() + ": "
            + byId.get(definition.id()).getClass().getName() + " and " + definition.getClass().getName());
      }
    }
    this.games = Map.copyOf(byId);
  }

  /** The games on the class path, limited to {@code wanted} unless it is empty. */
  public static GameCatalog load(List<String> wanted) {
    List<GameDefinition<?>> found = new ArrayList<>();
    for (GameDefinition<?> definition : ServiceLoader.load(GameDefinition.class)) {
      if (wanted.isEmpty() || wanted.contains(definition.id())) {
        found.add(definition);
      }
    }
    for (String id : wanted) {
      if (found.stream().noneMatch(definition -> definition.id().equals(id))) {
        throw new IllegalArgumentException("GAME_GAMES names " + id + ", but no such game is on the class path");
      }
    }
    return new GameCatalog(found);
  }

  /** The game of {@code id}, or null if this node does not host it. */
  public GameDefinition<?> get(String id) {
    return games.get(id);
  }

  public boolean hosts(String id) {
    return games.containsKey(id);
  }

  /** The fields of {@code game}'s inputs; none for a game this node does not host. */
  public InputSchema inputs(String game) {
    GameDefinition<?> definition = games.get(game);
    return definition == null ? NO_INPUTS : definition.inputs();
  }

  public List<String> ids() {
    return games.keySet().stream().sorted().toList();
  }
}
