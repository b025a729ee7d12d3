package io.arena.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client (js/) under Node.js, as part of this module's build: its committed
 * dist/ must be the build of its src/, and its unit tests (node's test runner, against scripted
 * edges on loopback) must pass. Fails, never skips, without Node.js or js/node_modules.
 */
class TypeScriptClientTest {
  private static final Path SDK = Path.of("js");

  @Test
  void theClientsDistIsItsBuildAndItsUnitTestsPass() throws Exception {
    if (!Files.isDirectory(SDK.resolve("node_modules").resolve("typescript"))) {
      fail(SDK.toAbsolutePath().resolve("node_modules") + " is missing: run `bash .ci/browser` (Node.js,"
          + " then npm ci in protocol/js)");
    }
    Path log = Files.createTempFile("sdk-test", ".log");
    Process npm;
    try {
      npm = new ProcessBuilder("npm", "test").directory(SDK.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      fail("could not run npm (Node.js 20 or newer is needed; `bash .ci/browser` installs it)");
      return;
    }
    boolean finished = npm.waitFor(120, TimeUnit.SECONDS);
    npm.destroyForcibly();
    String text = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertTrue(finished, () -> "npm test did not finish within 120 s:\n" + text);
    assertEquals(0, npm.exitValue(), text);
    assertTrue(text.contains("dist/ is the build of src/"), text);
    assertTrue(text.contains("# fail 0"), text);
  }
}
