package io.arena.server.edge;

import com.typesafe.config.Config;
import java.time.Duration;

/** The player port's settings, from the {@code game} config section (see game.conf, {@code edge}). */
public record EdgeSettings(
    String host,
    int port,
    int eventLoops,
    int backlog,
    int maxConnections,
    Duration requestTimeout,
    Duration keepAlive,
    int writeBufferLow,
    int writeBufferHigh,
    int socketSendBuffer,
    Duration inputWindow) {

  public static EdgeSettings fromConfig(Config game) {
    Config edge = game.getConfig("edge");
    int loops = edge.getInt("event-loops");
    return new EdgeSettings(
        game.getString("http-bind"),
        game.getInt("http-port"),
        loops > 0 ? loops : Runtime.getRuntime().availableProcessors(),
        edge.getInt("backlog"),
        edge.getInt("max-connections"),
        edge.getDuration("request-timeout"),
        edge.getDuration("keep-alive"),
        edge.getBytes("write-buffer-low").intValue(),
        edge.getBytes("write-buffer-high").intValue(),
        edge.getBytes("socket-send-buffer").intValue(),
        edge.getDuration("input-window"));
  }
}
