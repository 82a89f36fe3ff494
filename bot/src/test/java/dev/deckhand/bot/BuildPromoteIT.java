package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deckhand.bot.registry.CatalogRegistries;
import dev.deckhand.commands.catalog.RegistrySpec;
import dev.deckhand.commands.ports.ImageConfig;
import dev.deckhand.commands.ports.ImageRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /build} then {@code /promote} with real parts: a git repository made here, the Docker
 * Engine of {@code .ci/start-dockerd.sh} building {@code FROM scratch}, Debian's docker-registry of
 * {@code .ci/start-registry.sh} taking the push and the zone tag, the demo's simulated clusters
 * running the image. Skipped with the reason outside CI when either peer is missing; failing on CI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildPromoteIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String DOCKER_HOST = System.getenv("DOCKER_HOST");
  private static final String REGISTRY = System.getenv("DECKHAND_TEST_REGISTRY");
  private static final String IMAGE = "synergygroup/coachpilot-gateway";

  private static RevCommit good;
  private static RevCommit broken;

  @RegisterExtension
  static final DemoSession demo = DemoSession.of(PATIENCE, BuildPromoteIT::catalog);

  private static Path catalog(Path dir) throws Exception {
    if (DOCKER_HOST == null || REGISTRY == null) {
      // The session still starts the plain demo; every test below is then skipped or failed.
      return DemoSession.demoCatalog(dir, text -> text);
    }
    Path repo = dir.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      PersonIdent me = new PersonIdent("Deckhand test", "test@deckhand.invalid");
      Files.writeString(
          repo.resolve("Dockerfile"),
          "FROM scratch AS runtime\nCOPY hello.txt /hello.txt\nLABEL org.example.fixture=gateway\n");
      Files.writeString(repo.resolve("hello.txt"), "hello from the fixture\n");
      git.add().addFilepattern(".").call();
      good = git.commit().setMessage("a tiny image").setAuthor(me).setCommitter(me).call();
      git.branchCreate().setName("broken").call();
      git.checkout().setName("broken").call();
      Files.writeString(repo.resolve("Dockerfile"), "FROM scratch\nCOPY missing.txt /\n");
      git.add().addFilepattern("Dockerfile").call();
      broken =
          git.commit()
              .setMessage("copies a file that is not there")
              .setAuthor(me)
              .setCommitter(me)
              .call();
      git.checkout().setName("main").call();
    }
    return DemoSession.demoCatalog(
        dir,
        text ->
            text.replace("url: \"${sim.registry}\"", "url: \"" + REGISTRY + "\"")
                    .replace(
                        "    image: synergygroup/coachpilot-gateway\n",
                        "    image: synergygroup/coachpilot-gateway\n"
                            + "    build: { repository: repo, tag: \"p10e-mmc-{date}-{sha7}\" }\n")
                + "\ndocker: { host: \""
                + DOCKER_HOST
                + "\" }\n");
  }

  @BeforeAll
  static void requirePeers() {
    if (DOCKER_HOST != null && REGISTRY != null) {
      return;
    }
    String reason =
        "DOCKER_HOST or DECKHAND_TEST_REGISTRY not set: start them with"
            + " eval \"$(.ci/start-dockerd.sh)\" and eval \"$(.ci/start-registry.sh)\"";
    String ci = System.getenv("CI");
    if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
      fail(reason + " (.ci/run must start both)");
    }
    System.err.println("SKIPPED build and promote test: " + reason);
    assumeTrue(false, reason);
  }

  private static ImageRegistry registry() {
    return new CatalogRegistries(
        Map.of("default", new RegistrySpec("default", URI.create(REGISTRY), null, null)),
        Map.of(),
        ForkJoinPool.commonPool());
  }

  private static String tag(RevCommit commit) {
    return "p10e-mmc-"
        + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "")
        + "-"
        + commit.getName().substring(0, 7);
  }

  @Test
  @Order(1)
  void aFailedStepPushesNothingAndShowsItsLines() {
    demo.say("/build gateway broken");
    String last = demo.awaitFinal("build gateway broken → " + tag(broken));

    assertThat(last).contains("failed after").contains("nothing was pushed");
    demo.awaitText("missing.txt");
    assertThat(registry().digest(IMAGE, tag(broken))).isEmpty();
  }

  @Test
  @Order(2)
  void theBuildIsPushedForAmd64AndPromotedWithItsZoneTag() {
    demo.say("/build gateway main");
    String built = demo.awaitFinal("build gateway main → " + tag(good));

    ImageRegistry registry = registry();
    String digest = registry.digest(IMAGE, tag(good)).orElseThrow();
    assertThat(built).contains("— succeeded after").contains(digest);
    ImageConfig config = registry.config(IMAGE, digest).orElseThrow();
    assertThat(config.platform()).isEqualTo("linux/amd64");
    assertThat(config.revision()).contains(good.getName());

    demo.say("/deploy gateway " + tag(good) + " --env staging");
    assertThat(demo.awaitFinal("deploy gateway " + tag(good) + " · staging"))
        .contains("— succeeded after");

    String marker = "promote gateway " + tag(good) + " staging → prod";
    demo.say("/promote gateway " + tag(good) + " --to prod");
    demo.awaitRequest(marker);
    demo.say("as bob: /approve " + demo.opId(marker));
    assertThat(demo.awaitFinal(marker)).contains("— succeeded after");

    assertThat(registry.digest(IMAGE, "production")).contains(digest);
    assertThat(demo.image("prod", "coachpilot", "coachpilot-gateway"))
        .isEqualTo(IMAGE + ":" + tag(good) + "@" + digest);
  }
}
