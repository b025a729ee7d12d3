package io.arena.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test script under Node.js (the browser tests, the client SDK's tests against real nodes): its
 * output line by line, lines it prints to say where it is (READY, KILL, ...), and its verdict, a
 * line PASS and exit code 0.
 */
public final class NodeScript {
  private final String name;
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder output = new StringBuilder();

  private NodeScript(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(this::readOutput, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Runs {@code node script args...} in {@code folder}, with {@code env} added to this JVM's. */
  public static NodeScript start(Path folder, String script, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      return new NodeScript(script, builder.start());
    } catch (IOException e) {
      return fail("could not run node (Node.js 20 or newer is needed; `bash .ci/browser` installs it): "
          + e.getMessage());
    }
  }

  private void readOutput() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        System.out.println(name + ": " + line);
        synchronized (output) {
          output.append(line).append('\n');
        }
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("output lost: " + e.getMessage());
    }
  }

  /** Writes {@code line} to the script's standard input (the scripts read it to hear "done"). */
  public void say(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  public String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** Waits for the script to print {@code expected} on a line of its own. */
  public void awaitLine(String expected, Duration timeout) throws InterruptedException {
    awaitLine(expected::equals, expected, timeout);
  }

  /** Waits for the script to print a line that starts with {@code prefix}; answers the rest of it. */
  public String awaitLineStartingWith(String prefix, Duration timeout) throws InterruptedException {
    return awaitLine(line -> line.startsWith(prefix), prefix + "...", timeout).substring(prefix.length());
  }

  private String awaitLine(Predicate<String> wanted, String what, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (;;) {
      String line = lines.poll(250, TimeUnit.MILLISECONDS);
      if (line != null && wanted.test(line)) {
        return line;
      }
      if (System.nanoTime() > deadline || !process.isAlive() && lines.isEmpty()) {
        process.destroyForcibly();
        return fail(name + " did not print " + what + " within " + timeout + ":\n" + output());
      }
    }
  }

  /** Waits for the script to end, and fails unless it printed PASS and exited with 0. */
  public void assertPassed(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(name + " did not finish within " + timeout + ":\n" + output());
    }
    // The reader thread may still be draining the last lines.
    long drainDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!output().contains("PASS") && !output().contains("FAIL") && System.nanoTime() < drainDeadline) {
      Thread.sleep(50);
    }
    assertEquals(0, process.exitValue(), () -> name + " failed:\n" + output());
    assertTrue(output().lines().anyMatch("PASS"::equals), () -> name + " did not pass:\n" + output());
  }
}
