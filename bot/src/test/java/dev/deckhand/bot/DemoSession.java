package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.console.ConsoleChat;
import dev.deckhand.commands.engine.Engine;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link DemoWorld} shared by the tests of one end-to-end test class: before them (and before the
 * class's own {@code @BeforeAll}) it prepares a catalog in a temporary directory, starts the
 * simulation for it with a {@link Transcript} of the console, and the runtime; after them it closes
 * the world and deletes the directory. It also holds the waits the tests share. Register it as
 * {@code @RegisterExtension static final DemoSession demo = DemoSession.demo(PATIENCE);}.
 */
final class DemoSession implements BeforeAllCallback, AfterAllCallback {
  private static final Path DEMO_CATALOG = Path.of("..", "config", "demo.yaml");

  /** Writes the catalog (and the files it names) into the directory; returns its path. */
  interface Setup {
    Path catalog(Path dir) throws Exception;
  }

  private final Duration patience;
  private final Setup setup;
  private Path dir;
  private DemoWorld world;
  private Transcript transcript;
  private ConsoleChat chat;

  private DemoSession(Duration patience, Setup setup) {
    this.patience = patience;
    this.setup = setup;
  }

  /** The demo catalog as it is. The waits give up after {@code patience}. */
  static DemoSession demo(Duration patience) {
    return of(patience, dir -> demoCatalog(dir, UnaryOperator.identity()));
  }

  /** The catalog {@code setup} writes. The waits give up after {@code patience}. */
  static DemoSession of(Duration patience, Setup setup) {
    return new DemoSession(patience, setup);
  }

  /**
   * Writes {@code config/demo.yaml}, as {@code edit} changes it, into {@code dir} beside the files
   * it names ({@link DemoFiles}); returns the copy's path.
   */
  static Path demoCatalog(Path dir, UnaryOperator<String> edit) throws IOException {
    Path catalog = dir.resolve("demo.yaml");
    DemoFiles.copyTo(dir);
    Files.writeString(catalog, edit.apply(Files.readString(DEMO_CATALOG)));
    return catalog;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("demo-session");
    Path catalog = setup.catalog(dir);
    transcript = new Transcript();
    world =
        DemoWorld.start(
            new CatalogLoader(SecretResolver.standard(Map.of())),
            catalog,
            dir.resolve("home"),
            Engine.Settings.defaults(),
            transcript.out());
    world.runtime().start();
    chat = world.runtime().console();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try (DemoWorld started = world) {
      world = null;
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /** The temporary directory of the catalog and the files it names. */
  Path dir() {
    return dir;
  }

  DemoWorld world() {
    return world;
  }

  Transcript transcript() {
    return transcript;
  }

  ConsoleChat chat() {
    return chat;
  }

  Duration patience() {
    return patience;
  }

  /** Types {@code line} into the console chat. */
  void say(String line) {
    chat.accept(line);
  }

  /** Waits until the transcript contains {@code fragment}. */
  void awaitText(String fragment) {
    waitFor("the console to show '" + fragment + "'", () -> transcript.contains(fragment));
  }

  /** Waits for {@code condition}; a timeout says what was awaited and how the console ended. */
  private void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(patience).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      List<String> lines = transcript.text().lines().toList();
      throw new AssertionError(
          "waited "
              + patience.toSeconds()
              + " s for "
              + what
              + "; the console's last lines:\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())),
          e);
    }
  }

  /**
   * Waits until the last version of the message whose first line contains {@code marker} shows the
   * operation ended (succeeded, failed, rolled back, rejected, expired or cancelled) and returns
   * it.
   */
  String awaitFinal(String marker) {
    waitFor(
        "the operation '" + marker + "' to end",
        () -> {
          String m = transcript.lastMessageContaining(marker);
          return m.contains("succeeded after")
              || m.contains("failed after")
              || m.contains("rolled-back after")
              || m.contains("rejected after")
              || m.contains("expired after")
              || m.contains("cancelled after");
        });
    return transcript.lastMessageContaining(marker);
  }

  /**
   * Waits until the operation's message asks for approval. Its first state already says
   * "pending-approval", but the request is open (votes count) only once it names who may approve.
   */
  void awaitRequest(String marker) {
    waitFor(
        "the approval request of '" + marker + "'",
        () -> transcript.lastMessageContaining(marker).contains("needs 1 approval"));
  }

  /** The operation id shown in the header of the message that contains {@code marker}. */
  String opId(String marker) {
    String first = transcript.lastMessageContaining(marker).lines().findFirst().orElseThrow();
    Matcher m = Pattern.compile("op (\\d+) ·").matcher(first);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** The fabric8 client of simulated {@code cluster}. */
  KubernetesClient client(String cluster) {
    return world.sim().cluster(cluster).client();
  }

  Deployment deployment(String cluster, String ns, String name) {
    return client(cluster).apps().deployments().inNamespace(ns).withName(name).get();
  }

  /** The image of the first container of that deployment's pod template. */
  String image(String cluster, String ns, String name) {
    return deployment(cluster, ns, name)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }
}
