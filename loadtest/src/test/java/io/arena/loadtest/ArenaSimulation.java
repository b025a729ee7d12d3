package io.arena.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.arena.server.testing.NodeProcess;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.Optional;

/**
 * Steady play: players join rooms, send input at 20 Hz for the whole run, then leave. The report's
 * "input" response time is the input-to-acknowledgement latency.
 *
 * <pre>mvn -B -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.ArenaSimulation \
 *     -Dtargets=ws://127.0.0.1:8080/ws -Dplayers=1000 -Dduration=60 -Dramp=20</pre>
 */
public class ArenaSimulation extends Simulation {
  private final Optional<NodeProcess> localNode = LoadSettings.startLocalNodeIfAsked();
  private final LoadSettings settings = LoadSettings.fromSystemProperties(localNode);
  private final Play play = new Play(settings);

  private final ScenarioBuilder players = scenario("arena")
      .exec(play.arrive(), play.connect("connect"), play.join("join"))
      .exitHereIfFailed()
      .exec(during(settings.duration()).on(play.input()))
      .exec(play.depart(), play.leave(), play.close());

  {
    System.out.println("ArenaSimulation: " + settings);
    setUp(players.injectOpen(rampUsers(settings.players()).during(settings.ramp())))
        .protocols(play.protocol())
        .assertions(
            details("connect").failedRequests().count().is(0L),
            details("join").failedRequests().count().is(0L),
            details("input").failedRequests().count().is(0L),
            details("input").responseTime().percentile(99.0).lte(settings.p99Millis()));
  }

  @Override
  public void after() {
    LoadSettings.stopLocalNode(localNode);
    System.out.println("ArenaSimulation: " + Tally.summary());
  }
}
