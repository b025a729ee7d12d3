package io.arena.server.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** This node's open player sockets, by number: how rooms' answers find their socket. */
public final class Sockets {
  private final AtomicLong lastId = new AtomicLong();
  private final Map<Long, PlayerSession> open = new ConcurrentHashMap<>();

  long nextId() {
    return lastId.incrementAndGet();
  }

  void add(long id, PlayerSession session) {
    open.put(id, session);
  }

  void remove(long id) {
    open.remove(id);
  }

  /** The session of socket {@code id}, or null once it closed. */
  PlayerSession get(long id) {
    return open.get(id);
  }

  int count() {
    return open.size();
  }

  void forEach(Consumer<PlayerSession> action) {
    open.values().forEach(action);
  }
}
