package io.arena.server.metrics;

import io.arena.protocol.StateFormat;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The node's Prometheus metrics; one registry per node so several nodes can share a JVM in tests. */
public final class GameMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();

  public final Gauge rooms = Gauge.builder().name("game_rooms")
      .help("Rooms running on this node").register(registry);
  public final Gauge players = Gauge.builder().name("game_players")
      .help("Players connected to rooms on this node").register(registry);
  public final Histogram tickDuration = Histogram.builder().name("game_tick_duration_seconds")
      .help("Time one room tick takes, simulation and frame encoding").unit(Unit.SECONDS)
      .classicUpperBounds(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05)
      .classicOnly().register(registry);
  public final Histogram checkpointLatency = Histogram.builder().name("game_checkpoint_latency_seconds")
      .help("Time from taking a checkpoint to its being stored").unit(Unit.SECONDS)
      .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
      .classicOnly().register(registry);
  public final Counter framesIn = Counter.builder().name("game_frames_in_total")
      .help("WebSocket frames received from clients").register(registry);
  public final Counter framesOut = Counter.builder().name("game_frames_out_total")
      .help("WebSocket frames sent to clients").register(registry);
  private final Counter stateFrames = Counter.builder().name("game_state_frames_out_total")
      .help("State frames sent to clients, by format (json, compact)").labelNames("format")
      .register(registry);
  private final Counter stateBytes = Counter.builder().name("game_state_bytes_out_total")
      .help("Bytes of the state frames sent to clients, WebSocket headers included, by format")
      .labelNames("format").register(registry);
  private final CounterDataPoint[] stateFramesOf = byFormat(stateFrames);
  private final CounterDataPoint[] stateBytesOf = byFormat(stateBytes);
  public final Counter droppedFrames = Counter.builder().name("game_dropped_frames_total")
      .help("Stale state frames dropped for slow clients").register(registry);
  public final Counter storeFailures = Counter.builder().name("game_store_failures_total")
      .help("Durable writes (joins, leaves, scores, checkpoints) that failed or timed out, to be retried")
      .register(registry);
  /** A game's hook or apply that threw: the room went on (protocol/README.md section 12.5). */
  public final Counter gameFailures = Counter.builder().name("game_hook_failures_total")
      .help("Calls into a game that threw, by game and method").labelNames("game", "hook")
      .register(registry);
  public final Counter rejectedFrames = Counter.builder().name("game_rejected_frames_total")
      .help("Client frames answered with an error").register(registry);
  private final Counter inputs = Counter.builder().name("game_inputs_total")
      .help("Inputs this edge sent to rooms, by where the room runs (local: this node; remote: "
          + "another, in batches)").labelNames("room").register(registry);
  /** An input went to a room on this node. */
  public final CounterDataPoint inputsToLocalRooms = inputs.labelValues("local");
  /** An input went to a room on another node. */
  public final CounterDataPoint inputsToRemoteRooms = inputs.labelValues("remote");

  /** A state frame of {@code bytes} on the wire went to a client that reads {@code format}. */
  public void stateSent(StateFormat format, int bytes) {
    stateFramesOf[format.ordinal()].inc();
    stateBytesOf[format.ordinal()].inc(bytes);
  }

  private static CounterDataPoint[] byFormat(Counter counter) {
    StateFormat[] formats = StateFormat.values();
    CounterDataPoint[] points = new CounterDataPoint[formats.length];
    for (StateFormat format : formats) {
      points[format.ordinal()] = counter.labelValues(format.wire());
    }
    return points;
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
