package io.arena.server.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The browser client the player port serves, read from the class path once at start: the game
 * page at {@code /} and the TypeScript client's modules at {@code /sdk/NAME.js} (protocol/js,
 * built into {@code web/sdk/}), each module as the page's imports name it.
 */
final class WebFiles {
  /** A file served as is. */
  record WebFile(String contentType, byte[] body) {}

  private static final String JAVASCRIPT = "text/javascript; charset=UTF-8";

  private WebFiles() {}

  static Map<String, WebFile> load() {
    Map<String, WebFile> files = new HashMap<>();
    files.put("/", new WebFile("text/html; charset=UTF-8", read("/web/index.html")));
    for (String module : sdkModules()) {
      files.put("/sdk/" + module, new WebFile(JAVASCRIPT, read("/web/sdk/" + module)));
    }
    if (!files.containsKey("/sdk/index.js")) {
      throw new IllegalStateException("web/sdk/index.js is missing from the class path: the page needs the client");
    }
    return Map.copyOf(files);
  }

  private static byte[] read(String resource) {
    try (InputStream in = WebFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file names in web/sdk/, in the jar or in a classes folder. */
  private static List<String> sdkModules() {
    URL index = WebFiles.class.getResource("/web/sdk/index.js");
    if (index == null) {
      return List.of();
    }
    try {
      URI uri = index.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return names(Path.of(uri).getParent());
      }
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        return names(jar.getPath("/web/sdk"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".js")).toList();
    }
  }
}
