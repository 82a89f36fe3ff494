package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.BUNDLE_PROD;
import static dev.deckhand.commands.engine.EngineFixture.BUNDLE_STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.manifest.Manifest;
import dev.deckhand.commands.manifest.ManifestException;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /apply} against the fakes (one object per file in {@link FakeCluster}). */
class ApplyKindTest {
  private static final RoleSpec APPLIERS =
      new RoleSpec("appliers", Map.of("console", List.of("alice")), List.of("apply:*"));

  @TempDir Path dir;

  private EngineFixture world;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("20-service.yaml"), "kind: Service\n");
    Files.writeString(dir.resolve("10-config.yml"), "kind: ConfigMap\n");
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");
    world = EngineFixture.builder().healthAttempts(0).role(APPLIERS).bundleDir(dir).build();
  }

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void appliesTheFilesInNameOrderAndPostsThePerObjectDiff() throws Exception {
    world.submit("/apply edge --env staging");
    OperationRecord done = world.awaitFinished();

    assertThat(done.kind()).isEqualTo("apply");
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(EngineFixture.step(done, "plan").detail()).isEqualTo("2 to create");
    assertThat(EngineFixture.step(done, "apply").detail()).isEqualTo("applied: 2 to create");
    assertThat(world.cluster.manifestApplies())
        .singleElement()
        .satisfies(
            files ->
                assertThat(files.stream().map(Manifest::file))
                    .containsExactly("10-config.yml", "20-service.yaml"));
    Reply.Listing diff = listing();
    assertThat(diff.title()).endsWith(": 2 to create");
    assertThat(diff.lines())
        .containsExactly("+ File/10-config.yml (create)", "+ File/20-service.yaml (create)");
    assertThat(world.policy.holder("edge", "staging")).isEmpty();
  }

  @Test
  void whenTheClusterAlreadyMatchesThereIsNothingToDo() throws Exception {
    world.cluster.applyManifests(
        BUNDLE_STAGING,
        List.of(
            new Manifest("10-config.yml", "kind: ConfigMap\n"),
            new Manifest("20-service.yaml", "kind: Service\n")));
    world.submit("/apply edge --env staging");
    Reply.Text t = world.awaitAnswer(Reply.Text.class);
    assertThat(t.text())
        .isEqualTo("bundle edge in staging already matches its 2 objects; nothing to do.");
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void aDryRunShowsTheDiffPerObjectAndAppliesNothing() throws Exception {
    world.cluster.applyManifests(
        BUNDLE_STAGING,
        List.of(
            new Manifest("10-config.yml", "kind: ConfigMap\nold: 1\n"),
            new Manifest("20-service.yaml", "kind: Service\n")));
    int before = world.cluster.manifestApplies().size();
    world.submit("/apply edge --env staging --dry-run");
    Reply.Listing plan = world.awaitAnswer(Reply.Listing.class);
    assertThat(plan.title()).isEqualTo("Plan: apply edge in staging");
    assertThat(plan.lines())
        .containsExactly(
            "target: namespace coachpilot of cluster staging (1 to change, 1 unchanged)",
            "~ File/10-config.yml (change)",
            "    text: changed",
            "= File/20-service.yaml (unchanged)",
            "dry run: nothing was changed");
    assertThat(world.cluster.manifestApplies()).hasSize(before);
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void anInvalidManifestIsRefusedWithWhatToWrite() {
    world.cluster.onManifestPlan(
        files -> {
          throw new ManifestException(
              "20-service.yaml: Service/api names namespace other, not coachpilot",
              "remove metadata.namespace or write namespace: coachpilot");
        });
    world.submit("/apply edge --env staging");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).startsWith("20-service.yaml: Service/api names namespace other");
    assertThat(p.hint()).isEqualTo("remove metadata.namespace or write namespace: coachpilot");
    assertThat(world.cluster.manifestApplies()).isEmpty();
  }

  @Test
  void aDirectoryWithoutManifestsIsRefused() throws Exception {
    Files.delete(dir.resolve("10-config.yml"));
    Files.delete(dir.resolve("20-service.yaml"));
    world.submit("/apply edge --env staging");
    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).startsWith("there are no *.yaml or *.yml files in");
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void inProdItWaitsForApprovalThenApplies() throws Exception {
    world.submit("/apply edge --env prod");
    eventually()
        .until(
            () ->
                world.chat.shown() != null
                    && world.chat.shown().state() == OperationState.PENDING_APPROVAL
                    && !world.chat.shown().notes().isEmpty());
    assertThat(world.cluster.manifestApplies()).isEmpty();

    world.react(BOB, "✅", true);
    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.manifestApplies()).hasSize(1);
    assertThat(world.cluster.planManifests(BUNDLE_PROD, world.cluster.manifestApplies().get(0)))
        .allSatisfy(c -> assertThat(c.fields()).isEmpty());
  }

  @Test
  void filesEditedBetweenPlanAndRunAreNotApplied() throws Exception {
    AtomicInteger plans = new AtomicInteger();
    world.cluster.onManifestPlan(
        files -> {
          if (plans.incrementAndGet() == 1) {
            try {
              Files.writeString(dir.resolve("10-config.yml"), "kind: ConfigMap\nedited: 1\n");
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        });
    world.submit("/apply edge --env staging");
    OperationRecord done = world.awaitFinished();
    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(EngineFixture.step(done, "apply").detail())
        .isEqualTo("the manifests changed since the plan; nothing applied. Run /apply edge again");
    assertThat(world.cluster.manifestApplies()).isEmpty();
  }

  private Reply.Listing listing() {
    return (Reply.Listing)
        eventually()
            .until(
                () ->
                    world.chat.threads().stream()
                        .map(RecordingConversation.Threaded::reply)
                        .filter(r -> r instanceof Reply.Listing)
                        .findFirst()
                        .orElse(null),
                r -> r != null);
  }
}
