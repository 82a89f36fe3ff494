package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.Hook;
import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.WebhookClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks after a deploy succeeded: called with the filled-in URL, body and secret headers,
 * retried with backoff, shown on the step; a failed one is reported and rolls nothing back.
 */
class PostDeployHooksTest {
  private static final String TOKEN = "cdn-token-7f3a9c1e5b2d";

  private static final ServiceConfig.Source<String> SECRET =
      new ServiceConfig.Source<>() {
        @Override
        public String describe() {
          return "env:CDN_TOKEN";
        }

        @Override
        public String read() {
          return "Bearer " + TOKEN;
        }
      };

  private static final Hook PURGE =
      new Hook(
          "purge-cdn",
          "POST",
          "https://cdn.test/zones/{env}/purge",
          Map.of("Authorization", SECRET),
          "{\"service\":\"{service}\",\"tag\":\"{tag}\"}",
          3,
          Set.of());

  private EngineFixture world;

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void aHookIsCalledAfterSuccessWithItsFilledInRequestAndShownOnItsStep() throws Exception {
    world = EngineFixture.builder().healthAttempts(0).hooks(List.of(PURGE)).build();
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    world.awaitSetImage();
    assertThat(world.webhooks.calls()).isEmpty();
    world.cluster.rollOut(STAGING);

    OperationRecord op = world.awaitFinished();
    assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
    FakeWebhooks.Call call = world.webhooks.calls().get(0);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.url()).hasToString("https://cdn.test/zones/staging/purge");
    assertThat(call.body()).isEqualTo("{\"service\":\"gateway\",\"tag\":\"" + NEW_TAG + "\"}");
    assertThat(call.headers()).containsEntry("Authorization", "Bearer " + TOKEN);
    assertThat(EngineFixture.step(op, "hooks").title())
        .isEqualTo("call hook purge-cdn after success");
    assertThat(EngineFixture.step(op, "hooks").detail()).isEqualTo("✓ purge-cdn: answered 200");
    assertThat(op.steps().toString()).doesNotContain(TOKEN);
  }

  @Test
  void aFailingHookIsRetriedThenReportedAndTheDeployStands() throws Exception {
    world = EngineFixture.builder().healthAttempts(0).hooks(List.of(PURGE)).build();
    world.webhooks.script(503, new WebhookClient.Failure("connection refused"), 429);
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    world.awaitSetImage();
    world.cluster.rollOut(STAGING);

    OperationRecord op = world.awaitFinished();
    assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.webhooks.calls()).hasSize(3);
    StepRecord hooks = EngineFixture.step(op, "hooks");
    assertThat(hooks.state()).isEqualTo(StepState.DONE);
    assertThat(hooks.detail())
        .isEqualTo("✗ purge-cdn: answered 429: {\"error\":\"purge quota exceeded\"} (3 tries)");
    assertThat(world.cluster.undos()).isEmpty();
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(NEW_TAG));
    eventually()
        .until(
            () ->
                world.chat.threads().stream()
                    .map(RecordingConversation.Threaded::reply)
                    .anyMatch(
                        r ->
                            r instanceof Reply.Listing l
                                && l.title().contains("the deploy stands (hooks never roll")));
  }

  @Test
  void aRetriedHookThatAnswersSaysWhichTry() throws Exception {
    world = EngineFixture.builder().healthAttempts(0).hooks(List.of(PURGE)).build();
    world.webhooks.script(502);
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    world.awaitSetImage();
    world.cluster.rollOut(STAGING);
    OperationRecord op = world.awaitFinished();
    assertThat(EngineFixture.step(op, "hooks").detail())
        .isEqualTo("✓ purge-cdn: answered 200 (try 2)");
  }

  @Test
  void aFailedDeployCallsNoHookAndAnotherEnvironmentsHookIsNotListed() throws Exception {
    Hook prodOnly =
        new Hook("notify", "POST", "https://hooks.test/{env}", Map.of(), "", 1, Set.of("prod"));
    world = EngineFixture.builder().healthAttempts(0).hooks(List.of(PURGE, prodOnly)).build();
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    world.awaitSetImage();
    world.cluster.failPod(
        STAGING,
        new dev.deckhand.commands.rollout.PodProblem(
            "coachpilot-gateway-7d9f-x2k4l", "gateway", "CrashLoopBackOff", "", 2));
    world.awaitUndo();
    world.cluster.rollOut(STAGING);
    OperationRecord op = world.awaitFinished();
    assertThat(op.state()).isEqualTo(OperationState.ROLLED_BACK);
    assertThat(EngineFixture.step(op, "hooks").title())
        .isEqualTo("call hook purge-cdn after success");
    assertThat(EngineFixture.step(op, "hooks").state()).isEqualTo(StepState.SKIPPED);
    assertThat(world.webhooks.calls()).isEmpty();
  }
}
