package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renderer output compared with files under {@code src/test/resources/golden/<dir>}. A missing file
 * fails the test; {@code -Dgolden.update=true} rewrites the files, for a deliberate change whose
 * diff is then reviewed.
 */
public final class GoldenFiles {
  private final Path dir;

  public GoldenFiles(String dir) {
    this.dir = Path.of("src", "test", "resources", "golden", dir);
  }

  public void assertMatches(String file, String rendered) throws IOException {
    Path golden = dir.resolve(file);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(dir);
      Files.writeString(golden, rendered, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file; create it with -Dgolden.update=true").exists();
    assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
