package io.arena.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arena.server.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/writing-a-game.md shows the real source: each Java block that starts with a file's path is
 * a piece of that file, word for word, so the guide cannot drift from the game it explains.
 */
class GuideSnippetsTest {
  private static final Pattern SNIPPET = Pattern.compile("```java\\n// (\\S+)\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaBlockOfTheGuideIsInTheFileItNames() throws Exception {
    Path root = NodeProcess.projectRoot();
    String guide = Files.readString(root.resolve("docs/writing-a-game.md"));
    Matcher snippet = SNIPPET.matcher(guide);
    int checked = 0;
    while (snippet.find()) {
      Path file = root.resolve(snippet.group(1));
      assertTrue(Files.exists(file), () -> "the guide quotes a file that is not there: " + file);
      String source = Files.readString(file);
      String quoted = snippet.group(2);
      assertTrue(source.contains(quoted), () -> "the guide's piece of " + file + " is not in it:\n" + quoted);
      checked++;
    }
    assertTrue(checked >= 8, "the guide quotes " + checked + " pieces of source; it had 9");
  }
}
