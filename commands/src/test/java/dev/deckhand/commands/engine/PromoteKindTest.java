package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.IMAGE;
import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.PROD;
import static dev.deckhand.commands.engine.EngineFixture.RUNNING_TAG;
import static dev.deckhand.commands.engine.EngineFixture.STAGING;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static dev.deckhand.commands.engine.EngineFixture.pinned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.BlueGreenSpec;
import dev.deckhand.commands.catalog.PromotionSpec;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.ImageConfig;
import dev.deckhand.commands.ports.RegistryException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /promote} against the fakes: the digest a deploy verified in staging moves to prod through
 * prod's approval, the zone tag follows it; what staging never verified, no longer runs, or has not
 * run long enough is refused.
 */
class PromoteKindTest {
  private static final RoleSpec PROMOTERS =
      new RoleSpec(
          "promoters", Map.of("console", List.of("alice")), List.of("promote:*", "deploy:staging"));

  private EngineFixture world;

  @AfterEach
  void close() {
    world.close();
  }

  private EngineFixture start(PromotionSpec promotion) {
    world =
        EngineFixture.builder()
            .healthAttempts(0)
            .role(PROMOTERS)
            .edit(c -> c.toBuilder().promotion(promotion).build())
            .build();
    return world;
  }

  private static final String SVC = "coachpilot-gateway";
  private static final String KEY = "deckhand.dev/colour";
  private static final Target STAGING_GREEN =
      new Target("staging", "coachpilot", "coachpilot-gateway-green", "gateway");

  /** Gateway with a blue-green section, its Service in both zones on the catalog's deployment. */
  private EngineFixture startBlueGreen() {
    world =
        EngineFixture.builder()
            .healthAttempts(0)
            .role(PROMOTERS)
            .role(
                new RoleSpec(
                    "switchers",
                    Map.of("console", List.of("alice")),
                    List.of("switch-back:*", "finish:*")))
            .edit(
                c -> {
                  Map<String, ServiceSpec> services = new LinkedHashMap<>(c.services());
                  services.put(
                      "gateway",
                      c.services().get("gateway").toBuilder()
                          .blueGreen(new BlueGreenSpec(SVC, Duration.ofMinutes(30)))
                          .build());
                  return c.toBuilder().services(services).promotion(chain(Duration.ZERO)).build();
                })
            .build();
    world.cluster.service(STAGING, SVC, Map.of("app", "gateway"));
    world.cluster.service(PROD, SVC, Map.of("app", "gateway"));
    return world;
  }

  /** A blue-green deploy of NEW_TAG to staging, to its end: green has the traffic. */
  private void switchStagingToGreen() throws InterruptedException {
    world.submit("/deploy gateway " + NEW_TAG + " --env staging --strategy blue-green");
    eventually().until(() -> world.cluster.watchers(STAGING_GREEN) == 1);
    world.cluster.rollOut(STAGING_GREEN);
    assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.selector(STAGING, SVC)).containsEntry(KEY, "green");
  }

  @Test
  void aBlueGreenServiceIsVerifiedOnItsLiveColour() throws Exception {
    startBlueGreen();
    switchStagingToGreen();
    assertThat(world.cluster.current(STAGING).image()).isEqualTo(pinned(RUNNING_TAG));

    world.submit("/promote gateway " + NEW_TAG + " --to prod --dry-run");

    Reply.Listing plan = world.awaitAnswer(Reply.Listing.class);
    assertThat(String.join("\n", plan.lines()))
        .contains("running in staging (traffic on coachpilot-gateway-green) since op ");
  }

  @Test
  void aBlueGreenServiceSwitchedBackInStagingIsRefused() throws Exception {
    startBlueGreen();
    switchStagingToGreen();
    world.submit("/switch-back gateway --env staging");
    eventually().until(() -> !world.cluster.selector(STAGING, SVC).containsKey(KEY));
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();

    world.submit("/promote gateway " + NEW_TAG + " --to prod");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).startsWith("gateway in staging runs " + RUNNING_TAG + "@sha256:");
  }

  @Test
  void aZoneWhoseTrafficIsOnAColourIsNotRolledByAPromotion() throws Exception {
    startBlueGreen();
    switchStagingToGreen();
    world.cluster.service(PROD, SVC, Map.of("app", "gateway", KEY, "green"));

    world.submit("/promote gateway " + NEW_TAG + " --to prod");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .isEqualTo(
            "gateway in prod sends its traffic to green (coachpilot-gateway-green); a promotion"
                + " changes coachpilot-gateway, which has none");
    assertThat(p.hint())
        .isEqualTo("/deploy gateway <tag> --strategy blue-green --env prod instead");
    assertThat(world.cluster.current(PROD).image()).isEqualTo(pinned(RUNNING_TAG));
  }

  @Test
  void anOperationStillRunningInStagingIsWaitedFor() throws Exception {
    start(chain(Duration.ZERO));
    deployToStaging();
    world.submit("/deploy gateway p10e-mmc-20260520-e1-quiz --env staging");
    eventually().until(() -> world.cluster.watchers(STAGING) == 1);
    long running = world.store.operations().get(1).id();

    world.submit("/promote gateway " + NEW_TAG + " --to prod");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .startsWith("gateway in staging is still running op " + running + " (")
        .endsWith("); a promotion waits until it has ended and been verified there");
    assertThat(p.hint())
        .isEqualTo(
            "/status gateway --env staging, then /promote again once op "
                + running
                + " has succeeded");
    assertThat(world.cluster.current(PROD).image()).isEqualTo(pinned(RUNNING_TAG));
  }

  private static PromotionSpec chain(Duration soak) {
    return new PromotionSpec(List.of("staging", "prod"), soak, Map.of("prod", "production"));
  }

  /** A real deploy of NEW_TAG to staging, to its end: the verification a promotion needs. */
  private void deployToStaging() throws InterruptedException {
    world.submit("/deploy gateway " + NEW_TAG + " --env staging");
    world.awaitSetImage();
    world.cluster.rollOut(STAGING);
    assertThat(world.awaitFinished().state()).isEqualTo(OperationState.SUCCEEDED);
  }

  /** The promotion, once it ended (the staging deploy before it is the first operation). */
  private OperationRecord awaitPromotion() throws InterruptedException {
    eventually()
        .until(
            () -> {
              List<OperationRecord> ops = world.store.operations();
              OperationRecord last = ops.get(ops.size() - 1);
              return last.kind().equals("promote") && last.state().isFinal();
            });
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    List<OperationRecord> ops = world.store.operations();
    return ops.get(ops.size() - 1);
  }

  @Test
  void theDigestVerifiedInStagingGoesToProdAfterApprovalAndTheZoneTagFollows() throws Exception {
    start(chain(Duration.ZERO));
    String digest = pinned(NEW_TAG).substring(pinned(NEW_TAG).indexOf('@') + 1);
    world.registry.config(
        digest,
        new ImageConfig(
            "linux", "amd64", Optional.empty(), Map.of(ImageConfig.REVISION, "4e1d2c7")));
    deployToStaging();

    world.submit("/promote gateway " + NEW_TAG + " --to prod");
    eventually()
        .until(
            () ->
                world.chat.shown() != null
                    && world.chat.shown().summary().startsWith("promote")
                    && world.chat.shown().state() == OperationState.PENDING_APPROVAL
                    && !world.chat.shown().notes().isEmpty());
    assertThat(world.chat.shown().summary())
        .isEqualTo("promote gateway " + NEW_TAG + " staging → prod");
    assertThat(world.cluster.current(PROD).image()).isEqualTo(pinned(RUNNING_TAG));

    world.react(BOB, "✅", true);
    eventually().until(() -> world.cluster.current(PROD).image().equals(pinned(NEW_TAG)));
    world.cluster.rollOut(PROD);
    OperationRecord done = awaitPromotion();

    assertThat(done.kind()).isEqualTo("promote");
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(EngineFixture.step(done, "verified").detail())
        .startsWith(digest.substring(0, 19) + " (git 4e1d2c7), running in staging since op ")
        .endsWith(", 0s ago");
    assertThat(EngineFixture.step(done, "zone-tag").detail())
        .isEqualTo("✓ production → " + digest.substring(0, 19) + " (read back)");
    assertThat(world.registry.digest(IMAGE, "production")).contains(digest);
    assertThat(world.cluster.current(PROD).image())
        .as("prod pinned to the digest staging runs")
        .isEqualTo(world.cluster.current(STAGING).image());
    assertThat(world.policy.holder("gateway", "prod")).isEmpty();
  }

  @Test
  void aDryRunShowsTheDigestItsGitShaWhereAndSinceWhenItRanAndChangesNothing() throws Exception {
    start(chain(Duration.ZERO));
    deployToStaging();

    world.submit("/promote gateway " + NEW_TAG + " --to prod --dry-run");

    Reply plan =
        eventually()
            .until(
                () ->
                    world.chat.answers().stream()
                        .filter(r -> r.toString().contains("promote gateway"))
                        .findFirst()
                        .orElse(null),
                r -> r != null);
    assertThat(plan.toString())
        .contains("promote gateway " + NEW_TAG + " staging → prod")
        .contains("running in staging since op ");
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(world.store.operations()).hasSize(1);
    assertThat(world.cluster.current(PROD).image()).isEqualTo(pinned(RUNNING_TAG));
    assertThat(world.registry.digest(IMAGE, "production")).isEmpty();
  }

  @Test
  void aDigestStagingNeverVerifiedIsRefused() throws Exception {
    start(chain(Duration.ZERO));

    world.submit("/promote gateway " + NEW_TAG + " --to prod");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).endsWith(" of gateway was never deployed and verified in staging");
    assertThat(p.hint()).startsWith("/deploy it to staging first");
    assertThat(world.store.operations()).isEmpty();
    assertThat(world.cluster.setImages()).isEmpty();
  }

  @Test
  void aDigestStagingNoLongerRunsIsRefused() throws Exception {
    start(chain(Duration.ZERO));
    deployToStaging();
    world.cluster.setImage(STAGING, pinned(RUNNING_TAG), "someone rolled staging back");

    world.submit("/promote gateway " + NEW_TAG + " --to prod");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).startsWith("gateway in staging runs " + RUNNING_TAG + "@sha256:");
    assertThat(world.cluster.current(PROD).image()).isEqualTo(pinned(RUNNING_TAG));
  }

  @Test
  void aDigestThatHasNotSoakedLongEnoughIsRefusedSayingWhen() throws Exception {
    start(chain(Duration.ofMinutes(30)));
    deployToStaging();

    world.submit("/promote gateway " + NEW_TAG + " --to prod");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem()).contains(" verified it in staging 0s ago; it must run there 30m first");
    assertThat(p.hint())
        .isEqualTo("promote after 2026-05-19T10:30:00Z (soak: in the catalog's promotion:)");
  }

  @Test
  void aZoneTagTheRegistryRefusesIsReportedAndTheDeployStands() throws Exception {
    start(chain(Duration.ZERO));
    deployToStaging();
    world.submit("/promote gateway " + NEW_TAG + " --to prod");
    eventually()
        .until(
            () ->
                world.chat.shown() != null
                    && world.chat.shown().summary().startsWith("promote")
                    && !world.chat.shown().notes().isEmpty());
    world.react(BOB, "✅", true);
    eventually().until(() -> world.cluster.current(PROD).image().equals(pinned(NEW_TAG)));
    world.registry.failWith(
        new RegistryException("tag production of " + IMAGE + " is immutable in this registry"));
    world.cluster.rollOut(PROD);

    OperationRecord done = awaitPromotion();
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(EngineFixture.step(done, "zone-tag").detail())
        .isEqualTo(
            "✗ production not moved: tag production of "
                + IMAGE
                + " is immutable in this registry; the deploy stands");
    assertThat(world.cluster.undos()).isEmpty();
  }
}
