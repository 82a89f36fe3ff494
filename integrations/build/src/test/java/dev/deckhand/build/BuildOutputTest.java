package dev.deckhand.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.core.DockerClientConfig;
import dev.deckhand.commands.ports.BuildLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fed with the engine's own JSON lines, as {@code POST /build} streams them. */
class BuildOutputTest {
  /** docker-java's own mapper, as the client reads the stream with it. */
  private static final ObjectMapper JSON = DockerClientConfig.getDefaultObjectMapper();

  private final List<String> steps = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final BuildOutput output =
      new BuildOutput(
          new BuildLog() {
            @Override
            public void step(String step) {
              steps.add(step);
            }

            @Override
            public void line(String line) {
              lines.add(line);
            }
          });

  private void feed(String... json) throws Exception {
    for (String item : json) {
      output.accept(JSON.readValue(item, BuildResponseItem.class));
    }
    output.flush();
  }

  @Test
  void joinsChunksIntoLinesAndReportsStepsAndTheImage() throws Exception {
    feed(
        "{\"stream\":\"Step 1/2 : FROM scratch\"}",
        "{\"stream\":\"\\n\"}",
        "{\"stream\":\" ---\\u003e \\n\"}",
        "{\"stream\":\"Step 2/2 : COPY hello.txt /\"}",
        "{\"stream\":\"\\n ---\\u003e 7b3b8ef67d67\\n\"}",
        "{\"aux\":{\"ID\":\"sha256:7b3b8ef67d67\"}}",
        "{\"stream\":\"Successfully built 7b3b8ef67d67\\n\"}",
        "{\"stream\":\"Successfully tagged 127.0.0.1:5000/app:v1\\r\\n\"}");

    assertThat(steps).containsExactly("Step 1/2 : FROM scratch", "Step 2/2 : COPY hello.txt /");
    assertThat(lines)
        .containsExactly(
            "Step 1/2 : FROM scratch",
            " ---> ",
            "Step 2/2 : COPY hello.txt /",
            " ---> 7b3b8ef67d67",
            "Successfully built 7b3b8ef67d67",
            "Successfully tagged 127.0.0.1:5000/app:v1");
    assertThat(output.imageId()).contains("7b3b8ef67d67");
    assertThat(output.error()).isEmpty();
  }

  @Test
  void keepsTheFailingStepTheErrorAndABoundedTail() throws Exception {
    for (int i = 0; i < 50; i++) {
      feed("{\"stream\":\"noise " + i + "\\n\"}");
    }
    feed(
        "{\"stream\":\"Step 3/3 : COPY missing.txt /\"}",
        "{\"stream\":\"\\n\"}",
        "{\"errorDetail\":{\"message\":\"COPY failed: stat missing.txt: file does not exist\"},"
            + "\"error\":\"COPY failed: stat missing.txt: file does not exist\"}");

    assertThat(output.step()).contains("Step 3/3 : COPY missing.txt /");
    assertThat(output.error()).contains("COPY failed: stat missing.txt: file does not exist");
    assertThat(output.imageId()).isEmpty();
    assertThat(output.tail()).hasSize(BuildOutput.TAIL);
    assertThat(output.tail().get(BuildOutput.TAIL - 1))
        .isEqualTo("COPY failed: stat missing.txt: file does not exist");
    assertThat(output.tail().get(BuildOutput.TAIL - 2)).isEqualTo("Step 3/3 : COPY missing.txt /");
  }
}
