package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.IMAGE;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.BuildSpec;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.BuildException;
import dev.deckhand.commands.ports.ImageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /build} against the fakes: the planned commit built and pushed under the pattern's tag,
 * the log streamed, the pushed platform checked; a failed step, a wrong platform, an unknown ref,
 * no engine and a commit already built each end clearly.
 */
class BuildKindTest {
  private static final RoleSpec BUILDERS =
      new RoleSpec("builders", Map.of("console", List.of("alice")), List.of("build:*"));

  /** The clock of the fixture says 2026-05-19. */
  private static final String TAG = "p10e-mmc-20260519-9b2f4a1";

  private static final BuildSpec SPEC =
      new BuildSpec(
          Path.of("/repos/gateway"),
          "Dockerfile",
          Optional.of("runtime"),
          Map.of("GO_VERSION", "1.23"),
          "linux/amd64",
          "p10e-mmc-{date}-{sha7}",
          Duration.ofMinutes(20));

  private EngineFixture world;

  @AfterEach
  void close() {
    world.close();
  }

  private EngineFixture start() {
    world = EngineFixture.builder().role(BUILDERS).build(SPEC).build();
    return world;
  }

  @Test
  void theCommitIsBuiltPushedUnderThePatternsTagAndItsPlatformChecked() throws Exception {
    start();

    world.submit("/build gateway main");
    OperationRecord op = world.awaitFinished();

    assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(op.kind()).isEqualTo("build");
    String digest = world.registry.digest(IMAGE, TAG).orElseThrow();
    assertThat(step(op, "checkout").detail()).isEqualTo("commit 9b2f4a1c0ffe");
    assertThat(step(op, "build").detail())
        .isEqualTo("pushed " + IMAGE + ":" + TAG + "@" + digest.substring(0, 19));
    assertThat(step(op, "platform").detail())
        .isEqualTo("linux/amd64, digest " + digest + ", revision 9b2f4a1");
    assertThat(world.fakeBuilds.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.references()).containsExactly(IMAGE + ":" + TAG);
              assertThat(r.dockerfile()).isEqualTo("Dockerfile");
              assertThat(r.target()).contains("runtime");
              assertThat(r.buildArgs()).isEqualTo(Map.of("GO_VERSION", "1.23"));
              assertThat(r.platform()).isEqualTo("linux/amd64");
              assertThat(r.labels())
                  .containsEntry(ImageConfig.REVISION, FakeBuilds.MAIN)
                  .containsEntry("org.opencontainers.image.ref.name", "main");
              assertThat(r.timeout()).isEqualTo(Duration.ofMinutes(20));
            });
    assertThat(world.chat.threads())
        .extracting(t -> t.reply())
        .contains(
            new Reply.Listing(
                "Build log:",
                List.of(
                    "Step 1/2 : FROM scratch",
                    "Step 2/2 : COPY . /",
                    "Successfully built 0123456789ab")));
    // Every checkout (the plan's and the build's) was deleted afterwards.
    assertThat(world.fakeBuilds.trees()).hasSize(2).noneMatch(Files::exists);
  }

  @Test
  void aFailedStepShowsItsLastLinesAndNothingIsPushed() throws Exception {
    start();
    world.fakeBuilds.failWith(
        new BuildException(
            "COPY failed: file not found in build context: missing.txt",
            Optional.of("Step 2/2 : COPY missing.txt /"),
            List.of("Step 2/2 : COPY missing.txt /", "COPY failed: missing.txt")));

    world.submit("/build gateway main");
    OperationRecord op = world.awaitFinished();

    assertThat(op.state()).isEqualTo(OperationState.FAILED);
    assertThat(step(op, "build").state()).isEqualTo(StepState.FAILED);
    assertThat(step(op, "build").detail())
        .isEqualTo(
            "failed at Step 2/2 : COPY missing.txt /: COPY failed: file not found in build"
                + " context: missing.txt; nothing was pushed");
    assertThat(step(op, "platform").state()).isEqualTo(StepState.SKIPPED);
    assertThat(world.registry.digest(IMAGE, TAG)).isEmpty();
    eventually()
        .until(
            () ->
                world.chat.threads().stream()
                    .map(t -> t.reply())
                    .anyMatch(
                        r ->
                            r.equals(
                                new Reply.Listing(
                                    "Build failed at Step 2/2 : COPY missing.txt /: COPY failed:"
                                        + " file not found in build context: missing.txt; last"
                                        + " lines:",
                                    List.of(
                                        "Step 2/2 : COPY missing.txt /",
                                        "COPY failed: missing.txt")))));
  }

  @Test
  void anImageOfAnotherPlatformIsNotCalledDone() throws Exception {
    start();
    world.fakeBuilds.produce("arm64");

    world.submit("/build gateway main");
    OperationRecord op = world.awaitFinished();

    assertThat(op.state()).isEqualTo(OperationState.FAILED);
    assertThat(step(op, "platform").detail())
        .isEqualTo(
            "the pushed image is linux/arm64, not linux/amd64: it would fail with 'exec format"
                + " error' there; do not deploy "
                + IMAGE
                + ":"
                + TAG);
  }

  @Test
  void anUnknownRefIsRefusedSayingWhatExists() {
    start();

    world.submit("/build gateway mian");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .isEqualTo("no branch, tag or commit 'mian' in /repos/gateway; branches are: main");
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void aRefWithoutTheDockerfileIsRefused() {
    start();
    world.fakeBuilds.withoutDockerfile();

    world.submit("/build gateway main");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).isEqualTo("there is no Dockerfile at 9b2f4a1 (main)");
    assertThat(world.fakeBuilds.requests()).isEmpty();
  }

  @Test
  void aCommitAlreadyBuiltIsNotBuiltAgain() throws Exception {
    start();
    world.registry.push(IMAGE, TAG);

    world.submit("/build gateway 9b2f4a1");

    Reply.Text t = world.awaitAnswer(Reply.Text.class);
    assertThat(t.text())
        .startsWith("gateway 9b2f4a1 (9b2f4a1) is already built: " + TAG + "@sha256:")
        .endsWith(". /deploy gateway " + TAG);
    assertThat(world.fakeBuilds.requests()).isEmpty();
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void withoutAnEngineABuildIsRefusedSayingHowToConfigureOne() {
    world = EngineFixture.builder().role(BUILDERS).build(SPEC).noEngine().build();

    world.submit("/build gateway main");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .isEqualTo("no Docker engine is configured, so nothing can be built here");
    assertThat(p.hint()).startsWith("add docker: {host: unix:///var/run/docker.sock}");
  }

  @Test
  void aServiceWithoutBuildIsRefused() {
    world = EngineFixture.builder().role(BUILDERS).build();

    world.submit("/build gateway main");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).isEqualTo("gateway has no build: in the catalog");
  }
}
