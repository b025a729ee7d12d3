package io.arena.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.arena.server.testing.NodeProcess;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Steady play across several edges while an operator kills a node with the local cluster tool.
 * Players whose input goes unanswered check their socket: if it still answers they stay (their
 * edge re-attaches them to the room on a survivor), else they resume on the next edge. The report
 * shows the failed inputs of the outage and every reconnect and resume, with their outcome.
 *
 * <pre>bash .ci/postgres &amp;&amp; mvn -B -q package -DskipTests &amp;&amp; server/cluster.sh start 3
 * mvn -B -pl loadtest gatling:test -Dgatling.simulationClass=io.arena.loadtest.FailoverSimulation \
 *     -Dtargets=ws://127.0.0.1:8080/ws,ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws \
 *     -Dplayers=200 -Dduration=60 -DkillAfter=30 -DkillNode=3</pre>
 */
public class FailoverSimulation extends Simulation {
  private static final int RECONNECT_TRIES = 5;

  private final LoadSettings settings = LoadSettings.fromSystemProperties(Optional.empty());
  private final Play play = new Play(settings);
  private final Duration killAfter = Duration.ofSeconds(Long.getLong("killAfter", 30));
  /** The cluster tool's kill of node {@code killNode}, or kill -9 of the process {@code killPid} (loadtest/failover.sh). */
  private final String killCommand = System.getProperty("killPid") != null
      ? "kill -9 " + Long.parseLong(System.getProperty("killPid"))
      : NodeProcess.projectRoot().resolve("server/cluster.sh") + " kill " + Integer.getInteger("killNode", 3);
  /** Inputs sent while a room moves are lost; this share of all inputs may fail. */
  private final double maxFailedInputsPercent =
      Double.parseDouble(System.getProperty("maxFailedInputsPercent", "5"));

  private final ScenarioBuilder players = scenario("players")
      .exec(play.arrive(), play.connect("connect"), play.join("join"))
      .exitHereIfFailed()
      .exec(during(settings.duration()).on(
          play.input(),
          doIf(Session::isFailed).then(play.recover(RECONNECT_TRIES))))
      .exec(play.depart(), play.leave(), play.close());

  private final ScenarioBuilder operator = scenario("operator")
      .pause(killAfter)
      .exec(session -> {
        System.out.println("FailoverSimulation: running `" + killCommand + "`");
        run(killCommand);
        return session;
      });

  {
    System.out.println("FailoverSimulation: " + settings + "; `" + killCommand + "` after "
        + killAfter.toSeconds() + " s");
    setUp(
        players.injectOpen(rampUsers(settings.players()).during(settings.ramp())),
        operator.injectOpen(atOnceUsers(1)))
        .protocols(play.protocol())
        .assertions(
            details("join").failedRequests().count().is(0L),
            details("input").failedRequests().percent().lte(maxFailedInputsPercent));
  }

  @Override
  public void after() {
    System.out.println("FailoverSimulation: " + Tally.summary());
  }

  private static void run(String command) {
    try {
      Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("`" + command + "` took over 30 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("`" + command + "` failed with exit code " + process.exitValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run `" + command + "`", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running `" + command + "`", e);
    }
  }
}
