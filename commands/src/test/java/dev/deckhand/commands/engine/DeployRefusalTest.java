package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.PROD;
import static dev.deckhand.commands.engine.EngineFixture.RUNNING_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.ports.RegistryException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deploys refused before anything changes: each answers once and creates no operation. */
class DeployRefusalTest {
  private final EngineFixture world = EngineFixture.builder().build();

  @AfterEach
  void nothingWasCreatedOrChanged() throws InterruptedException {
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(world.store.operations()).isEmpty();
    assertThat(world.store.timeline()).isEmpty();
    assertThat(world.store.events("result")).isEmpty();
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(world.cluster.undos()).isEmpty();
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));
    assertThat(world.cluster.current(PROD).image()).isEqualTo(pinned(RUNNING_TAG));
    assertThat(world.chat.posts()).hasSize(1);
    assertThat(world.chat.edits()).isEmpty();
    world.close();
  }

  @Test
  void anUnreachableRegistryIsReportedWithItsMessage() {
    world.registry.failWith(
        new RegistryException("registry default refused the credentials for coachpilot-gateway"));
    world.submit("/deploy gateway " + NEW_TAG);

    assertThat(world.awaitAnswer(Reply.Problem.class))
        .isEqualTo(
            new Reply.Problem(
                "registry default refused the credentials for coachpilot-gateway",
                "nothing was changed; check the catalog and try again"));
  }

  @Test
  void anAmbiguousPrefixListsTheCandidates() {
    world.submit("/deploy gateway p10e-mmc-20260520");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .isEqualTo(
            "2 tags of synergygroup/coachpilot-gateway start with 'p10e-mmc-20260520':"
                + " p10e-mmc-20260520-e1-quiz, p10e-mmc-20260520-e2-fix");
    assertThat(p.hint())
        .isEqualTo("give more of the tag, e.g. /deploy gateway p10e-mmc-20260520-e1-quiz");
  }

  @Test
  void aMissingTagListsTheNewestTags() {
    world.submit("/deploy gateway p10e-mmc-2027");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).isEqualTo("no tag 'p10e-mmc-2027' in synergygroup/coachpilot-gateway");
    assertThat(p.hint())
        .isEqualTo(
            "newest tags are: p10e-mmc-20260520-e2-fix, p10e-mmc-20260520-e1-quiz, "
                + NEW_TAG
                + ", "
                + RUNNING_TAG
                + ", p10e-mmc-20260420-c3-login");
  }

  @Test
  void aDryRunInAProtectedEnvironmentPrintsThePlan() {
    world.submit("/deploy gateway p10e-mmc-20260519 --env prod --dry-run");

    Reply.Listing plan = world.awaitAnswer(Reply.Listing.class);
    assertThat(plan.title()).isEqualTo("Plan: deploy gateway " + NEW_TAG + " in prod");
    assertThat(plan.lines())
        .first()
        .isEqualTo("target: prod/coachpilot/deployment/coachpilot-gateway (container gateway)");
    assertThat(plan.lines()).contains("3. approval", "4. set container gateway to " + NEW_TAG);
    assertThat(plan.lines()).last().isEqualTo("dry run: nothing was changed");
  }

  @Test
  void theImageAlreadyRunningNeedsNothing() {
    world.submit("/deploy gateway " + RUNNING_TAG);

    assertThat(world.awaitAnswer(Reply.Text.class))
        .isEqualTo(
            new Reply.Text(
                "gateway in staging already runs " + pinned(RUNNING_TAG) + "; nothing to do."));
  }
}
