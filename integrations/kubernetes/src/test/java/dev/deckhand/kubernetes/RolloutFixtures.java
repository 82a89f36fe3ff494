package dev.deckhand.kubernetes;

import dev.deckhand.commands.rollout.RolloutVerdict;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The deployments under {@code src/test/resources/rollout-fixtures/}, each annotated with the
 * verdict kind ({@code fixture.deckhand.dev/verdict}: Complete, Waiting, Failed) and the exact
 * message {@code kubectl rollout status} prints for it ({@code fixture.deckhand.dev/message}).
 */
record RolloutFixtures(Path file, Deployment deployment) {
  static final String VERDICT = "fixture.deckhand.dev/verdict";
  static final String MESSAGE = "fixture.deckhand.dev/message";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static List<RolloutFixtures> all() {
    try (Stream<Path> files = Files.list(directory())) {
      return files
          .filter(p -> p.toString().endsWith(".yaml"))
          .sorted()
          .map(RolloutFixtures::load)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory() {
    try {
      return Path.of(RolloutFixtures.class.getResource("/rollout-fixtures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RolloutFixtures load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new RolloutFixtures(file, SERIALIZATION.unmarshal(in, Deployment.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return deployment.getMetadata().getName();
  }

  String expectedKind() {
    return KubeObjects.annotation(deployment, VERDICT);
  }

  String expectedMessage() {
    return KubeObjects.annotation(deployment, MESSAGE);
  }

  static String kindOf(RolloutVerdict v) {
    return v.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return file.getFileName().toString();
  }
}
