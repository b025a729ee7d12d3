package io.arena.server.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A program a test runs to its end: its output, or a failure that shows it. */
public final class Commands {
  private Commands() {}

  /**
   * Runs {@code command} with {@code env} added to this JVM's; answers its output (stdout and
   * stderr together) and fails the test unless it exits 0 within {@code timeout}. The output goes
   * through a file, so a chatty program never blocks on a full pipe.
   */
  public static String run(List<String> command, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Path output = Files.createTempFile("command", ".out");
    Process process = builder.redirectOutput(output.toFile()).start();
    boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    process.destroyForcibly();
    String text = Files.readString(output, StandardCharsets.UTF_8);
    Files.delete(output);
    if (!finished || process.exitValue() != 0) {
      fail(String.join(" ", command) + (finished ? " failed (exit " + process.exitValue() + ")"
          : " did not finish within " + timeout) + ":\n" + text);
    }
    return text;
  }
}
