package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.parse.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Release files: service to tag, one per line; a wrong one names its file and line. */
class ReleaseFileReaderTest {
  @TempDir Path dir;

  private ReleaseFileReader reader() {
    return new ReleaseFileReader(dir);
  }

  @Test
  void readsServicesAndTagsInFileOrderKeepingTagsThatLookLikeNumbers() throws Exception {
    Files.writeString(
        dir.resolve("r1.yml"),
        "\uFEFF# release r1\napi: 4e1d2c7\nworker: 1234567\nweb: '0f0f0f0'\n");

    assertThat(reader().read("r1"))
        .containsExactly(
            Map.entry("api", "4e1d2c7"),
            Map.entry("worker", "1234567"),
            Map.entry("web", "0f0f0f0"));
    assertThat(reader().describe("r1")).isEqualTo(dir.resolve("r1.yml").toString());
  }

  @Test
  void anEmptyFileNamesNoService() throws Exception {
    Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");

    assertThat(reader().read("empty")).isEmpty();
  }

  @Test
  void aMissingReleaseListsTheOnesThere() throws Exception {
    Files.writeString(dir.resolve("2026-12-01.yaml"), "api: a1\n");
    Files.writeString(dir.resolve("2026-12-05.yml"), "api: a2\n");
    Files.writeString(dir.resolve("notes.txt"), "not a release");

    assertThatThrownBy(() -> reader().read("2026-12-04"))
        .isInstanceOf(UsageException.class)
        .hasMessage("there is no release file 2026-12-04.yaml in " + dir)
        .satisfies(
            e ->
                assertThat(((UsageException) e).hint())
                    .isEqualTo("releases are: 2026-12-01, 2026-12-05"));
  }

  @Test
  void aNameThatIsAPathIsRefusedBeforeAnyFileIsRead() {
    assertThatThrownBy(() -> reader().read("../catalog"))
        .isInstanceOf(UsageException.class)
        .hasMessage("'../catalog' is not a release name");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "api: a1\\nweb: [a, b]\\n | 2: each line is service: tag | gateway: <tag>",
        "- api\\n- web\\n | 1: must be a map of service to tag | gateway: <tag>",
        "api: a1\\nweb:\\n | 2: web has no tag | write web: <tag>",
        "api: a1\\nweb: v1:2\\n | 2: 'v1:2' is not a valid image tag | gateway: <tag>",
        "api: a1\\napi: a2\\n | 2: api is named twice | keep one line for it",
        "api: a1\\n  web: a2: b\\n | YAML syntax error | gateway: <tag>",
      })
  void aWrongFileIsRefusedWithItsLineAndWhatToWrite(String text, String problem, String hint)
      throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), text.replace("\\n", "\n"));

    assertThatThrownBy(() -> reader().read("bad"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(dir.resolve("bad.yaml").toString() + ":")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((UsageException) e).hint()).contains(hint));
  }

  @Test
  void aFileTooLargeToBeAReleaseIsRefused() throws Exception {
    Files.writeString(dir.resolve("huge.yaml"), "api: a1\n".repeat(10_000));

    assertThatThrownBy(() -> reader().read("huge"))
        .isInstanceOf(UsageException.class)
        .hasMessage(dir.resolve("huge.yaml") + " is larger than 64 KiB");
  }
}
