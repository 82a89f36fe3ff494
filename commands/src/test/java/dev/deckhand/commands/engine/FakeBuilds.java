package dev.deckhand.commands.engine;

import dev.deckhand.commands.ports.BuildException;
import dev.deckhand.commands.ports.BuildLog;
import dev.deckhand.commands.ports.BuildRequest;
import dev.deckhand.commands.ports.BuildResult;
import dev.deckhand.commands.ports.Builds;
import dev.deckhand.commands.ports.Checkout;
import dev.deckhand.commands.ports.ImageBuilder;
import dev.deckhand.commands.ports.ImageConfig;
import dev.deckhand.commands.ports.SourceCheckout;
import dev.deckhand.commands.ports.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A repository of named refs and an engine that "builds" by pushing into the {@link FakeRegistry}:
 * two steps and their lines, then the tag with a config of the platform it is told to produce.
 */
final class FakeBuilds implements ImageBuilder, SourceCheckout {
  /** The commit {@code main} resolves to. */
  static final String MAIN = "9b2f4a1c0ffee0123456789abcdef0123456789a";

  private final FakeRegistry registry;
  private final Map<String, String> refs = new LinkedHashMap<>(Map.of("main", MAIN));
  private final List<BuildRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Path> trees = new CopyOnWriteArrayList<>();
  private volatile String producedArchitecture = "amd64";
  private volatile BuildException failure;
  private volatile boolean withDockerfile = true;

  FakeBuilds(FakeRegistry registry) {
    this.registry = registry;
  }

  Builds ports() {
    return new Builds("unix:///test/docker.sock", this, this);
  }

  /** The engine produces images of this architecture, whatever is asked. */
  void produce(String architecture) {
    producedArchitecture = architecture;
  }

  void failWith(BuildException e) {
    failure = e;
  }

  void withoutDockerfile() {
    withDockerfile = false;
  }

  List<BuildRequest> requests() {
    return requests;
  }

  /** Every checkout directory made so far. */
  List<Path> trees() {
    return trees;
  }

  @Override
  public Checkout checkout(Path repository, String ref) {
    String commit =
        refs.containsKey(ref)
            ? refs.get(ref)
            : refs.values().stream().filter(c -> c.startsWith(ref)).findFirst().orElse(null);
    if (commit == null) {
      throw new SourceException(
          "no branch, tag or commit '" + ref + "' in " + repository + "; branches are: main");
    }
    try {
      Path dir = Files.createTempDirectory("fake-checkout");
      if (withDockerfile) {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
      }
      trees.add(dir);
      return new Checkout(
          dir, commit, Instant.parse("2026-05-18T12:00:00Z"), () -> deleteTree(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public BuildResult build(BuildRequest request, BuildLog log) {
    requests.add(request);
    log.step("Step 1/2 : FROM scratch");
    log.line("Step 1/2 : FROM scratch");
    log.step("Step 2/2 : COPY . /");
    log.line("Step 2/2 : COPY . /");
    BuildException e = failure;
    if (e != null) {
      throw e;
    }
    log.line("Successfully built 0123456789ab");
    List<String> pushed = new ArrayList<>();
    String digest = null;
    for (String reference : request.references()) {
      int colon = reference.lastIndexOf(':');
      String image = reference.substring(0, colon);
      String tag = reference.substring(colon + 1);
      registry.push(image, tag);
      digest = registry.digest(image, tag).orElseThrow();
      registry.config(
          digest,
          new ImageConfig(
              "linux",
              producedArchitecture,
              Optional.of(Instant.parse("2026-05-19T09:59:00Z")),
              request.labels()));
      pushed.add(reference);
    }
    return new BuildResult(digest, pushed);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
