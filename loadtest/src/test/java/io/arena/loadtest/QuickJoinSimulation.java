package io.arena.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.arena.server.testing.NodeProcess;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Optional;

/**
 * Matchmaking under load: each player quick joins a room of the run's mode, plays a while, leaves,
 * and quick joins again, for the whole run. The {@code quick join} request's response time is the
 * time from the join to its {@code joined}. With {@code players} P and {@code playSeconds} S the
 * cluster takes about P / S quick joins a second. Players spread over the targets as in the other
 * simulations.
 *
 * <pre>mvn -B -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.QuickJoinSimulation \
 *     -Dtargets=ws://127.0.0.1:8080/ws -Dplayers=200 -Dduration=60 -DplaySeconds=2</pre>
 */
public class QuickJoinSimulation extends Simulation {
  private final Optional<NodeProcess> localNode = LoadSettings.startLocalNodeIfAsked();
  private final LoadSettings settings = LoadSettings.fromSystemProperties(localNode);
  private final Play play = new Play(settings);
  private final Duration playTime = Duration.ofSeconds(Long.getLong("playSeconds", 2));
  /** A mode of the run's own, so that earlier runs' rooms stay out of its way. */
  private final String mode = settings.roomPrefix();

  private final ScenarioBuilder players = scenario("quick join")
      .exec(play.arrive(), play.connect("connect"))
      .exitHereIfFailed()
      .exec(during(settings.duration()).on(
          play.quickJoin("quick join", mode),
          during(playTime).on(play.input()),
          play.leave()))
      .exec(play.depart(), play.close());

  {
    System.out.println("QuickJoinSimulation: " + settings + ", " + playTime.toSeconds()
        + " s per visit, mode " + mode);
    setUp(players.injectOpen(rampUsers(settings.players()).during(settings.ramp())))
        .protocols(play.protocol())
        .assertions(
            details("connect").failedRequests().count().is(0L),
            details("quick join").failedRequests().count().is(0L),
            details("input").failedRequests().count().is(0L),
            details("quick join").responseTime().percentile(99.0).lte(settings.p99Millis()));
  }

  @Override
  public void after() {
    LoadSettings.stopLocalNode(localNode);
    System.out.println("QuickJoinSimulation: " + Tally.summary());
  }
}
