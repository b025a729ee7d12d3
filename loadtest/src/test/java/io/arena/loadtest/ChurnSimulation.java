package io.arena.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.arena.server.testing.NodeProcess;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Optional;

/**
 * Players come and go all the time: each plays a while, leaves and joins again on the same socket,
 * plays, drops its connection and resumes on a new one, over and over for the whole run.
 *
 * <pre>mvn -B -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.ChurnSimulation \
 *     -Dtargets=ws://127.0.0.1:8080/ws -Dplayers=200 -Dduration=60 -DplaySeconds=3</pre>
 */
public class ChurnSimulation extends Simulation {
  private final Optional<NodeProcess> localNode = LoadSettings.startLocalNodeIfAsked();
  private final LoadSettings settings = LoadSettings.fromSystemProperties(localNode);
  private final Play play = new Play(settings);
  private final Duration playTime = Duration.ofSeconds(Long.getLong("playSeconds", 3));

  private final ChainBuilder playAWhile = during(playTime).on(play.input());

  private final ScenarioBuilder players = scenario("churn")
      .exec(play.arrive(), play.connect("connect"), play.join("join"))
      .exitHereIfFailed()
      .exec(during(settings.duration()).on(
          playAWhile,
          play.leave(),
          play.join("join again"),
          playAWhile,
          // A dropped connection: a new socket (on the next edge, if several) and a resume.
          play.close(),
          exec(Play::nextSocket),
          play.connect("reconnect"),
          play.resume("resume")))
      .exec(play.depart(), play.leave(), play.close());

  {
    System.out.println("ChurnSimulation: " + settings + ", " + playTime.toSeconds() + " s per visit");
    setUp(players.injectOpen(rampUsers(settings.players()).during(settings.ramp())))
        .protocols(play.protocol())
        .assertions(
            details("join").failedRequests().count().is(0L),
            details("join again").failedRequests().count().is(0L),
            details("reconnect").failedRequests().count().is(0L),
            details("resume").failedRequests().count().is(0L),
            details("input").failedRequests().count().is(0L),
            details("input").responseTime().percentile(99.0).lte(settings.p99Millis()));
  }

  @Override
  public void after() {
    LoadSettings.stopLocalNode(localNode);
    System.out.println("ChurnSimulation: " + Tally.summary());
  }
}
