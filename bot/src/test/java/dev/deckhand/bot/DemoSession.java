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
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A started {@link DemoWorld} for an end-to-end test: the simulation for a catalog file, its
 * runtime started, the console chat it listens on and the {@link Transcript} of what it printed,
 * with the waits the tests share. A test class keeps one in a static field from {@code @BeforeAll}
 * and closes it in {@code @AfterAll}.
 */
final class DemoSession implements AutoCloseable {
  private static final Path DEMO_CATALOG = Path.of("..", "config", "demo.yaml");

  private final DemoWorld world;
  private final Transcript transcript;
  private final ConsoleChat chat;
  private final Duration patience;

  private DemoSession(DemoWorld world, Transcript transcript, Duration patience) {
    this.world = world;
    this.transcript = transcript;
    this.chat = world.runtime().console();
    this.patience = patience;
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

  /** The demo catalog as it is, in {@code dir}, started. */
  static DemoSession demo(Path dir, Duration patience) throws Exception {
    return start(demoCatalog(dir, UnaryOperator.identity()), dir, patience);
  }

  /**
   * Starts the simulation for {@code catalog}, keeping its state in {@code dir/home}, and its
   * runtime. The waits give up after {@code patience}.
   */
  static DemoSession start(Path catalog, Path dir, Duration patience) throws Exception {
    Transcript transcript = new Transcript();
    DemoWorld world =
        DemoWorld.start(
            new CatalogLoader(SecretResolver.standard(Map.of())),
            catalog,
            dir.resolve("home"),
            Engine.Settings.defaults(),
            transcript.out());
    try {
      world.runtime().start();
      return new DemoSession(world, transcript, patience);
    } catch (Exception | Error e) {
      world.close();
      throw e;
    }
  }

  /** Closes a session that may not have started ({@code null}). */
  static void close(DemoSession session) {
    if (session != null) {
      session.close();
    }
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
    await().atMost(patience).until(() -> transcript.contains(fragment));
  }

  /**
   * Waits until the last version of the message whose first line contains {@code marker} shows the
   * operation ended (succeeded, failed, rolled back, rejected, expired or cancelled) and returns
   * it.
   */
  String awaitFinal(String marker) {
    await()
        .atMost(patience)
        .until(
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
    await()
        .atMost(patience)
        .until(() -> transcript.lastMessageContaining(marker).contains("needs 1 approval"));
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

  @Override
  public void close() {
    world.close();
  }
}
