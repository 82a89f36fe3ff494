package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /promote} in the demo, end to end: the digest verified in staging goes to prod through
 * prod's approval, and the registry's {@code production} tag is moved to it (a manifest PUT to the
 * simulated registry, read back); a blue-green service's zone counts only for the digest its live
 * colour runs. One story, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PromoteDemoIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String IMAGE = "synergygroup/coachpilot-gateway";
  private static final String TAG = "p10e-mmc-20260519-d4-webhooks";

  @RegisterExtension static final DemoSession demo = DemoSession.demo(PATIENCE);

  @Test
  @Order(1)
  void latestAndADigestStagingNeverVerifiedAreRefusedAndNothingChanges() {
    String prodBefore = demo.image("prod", "coachpilot", "coachpilot-gateway");

    demo.say("/promote gateway latest --to prod");
    demo.awaitText("'latest' is refused: a promotion moves one fixed build");

    demo.say("/promote gateway p10e-mmc-20260519 --to prod");
    demo.awaitText("was never deployed and verified in staging");

    assertThat(demo.image("prod", "coachpilot", "coachpilot-gateway")).isEqualTo(prodBefore);
    assertThat(demo.world().sim().registry().tags(IMAGE)).doesNotContain("production");
  }

  @Test
  @Order(2)
  void theDigestVerifiedInStagingGoesToProdAndTheZoneTagFollows() {
    demo.say("/deploy gateway p10e-mmc-20260519 --env staging");
    assertThat(demo.awaitFinal("deploy gateway " + TAG + " · staging")).contains("— succeeded");

    demo.say("/promote gateway p10e-mmc-20260519 --to prod --dry-run");
    demo.awaitText("running in staging since op");

    String marker = "promote gateway " + TAG + " staging → prod";
    demo.say("/promote gateway p10e-mmc-20260519 --to prod");
    demo.awaitRequest(marker);
    demo.say("as bob: /approve " + demo.opId(marker));
    String last = demo.awaitFinal(marker);

    String digest = demo.world().sim().registry().digestOf(IMAGE, TAG);
    assertThat(last).contains("— succeeded after");
    assertThat(demo.image("prod", "coachpilot", "coachpilot-gateway"))
        .isEqualTo(demo.image("staging", "coachpilot", "coachpilot-gateway"))
        .isEqualTo(IMAGE + ":" + TAG + "@" + digest);
    assertThat(demo.world().sim().registry().digestOf(IMAGE, "production")).isEqualTo(digest);

    demo.say("/images gateway");
    demo.awaitText("zone tag :production (prod) → " + digest.substring(0, 19));
  }

  /**
   * A blue-green service: staging's digest is read from the colour Service dashboard sends the
   * traffic to (dashboard-green after the switch, read here through fabric8), so the promotion is
   * planned; after /switch-back the catalog's deployment, with the old image, serves staging again
   * and the same promotion is refused.
   */
  @Test
  @Order(3)
  void aBlueGreenZoneIsVerifiedOnItsLiveColourOnly() {
    String tag = "p10e-dash-20260519-brand-fields";
    demo.say("/deploy dashboard p10e-dash-20260519 --strategy blue-green --env staging");
    assertThat(demo.awaitFinal("deploy dashboard " + tag + " (blue-green)"))
        .contains("— succeeded");
    assertThat(
            demo.client("staging")
                .services()
                .inNamespace("coachpilot")
                .withName("dashboard")
                .get()
                .getSpec()
                .getSelector())
        .containsEntry("deckhand.dev/colour", "green");

    demo.say("/promote dashboard p10e-dash-20260519 --to prod --dry-run");
    demo.awaitText("running in staging (traffic on dashboard-green) since op");

    demo.say("/switch-back dashboard --env staging");
    assertThat(demo.awaitFinal("switch-back dashboard")).contains("— succeeded");
    demo.say("/promote dashboard p10e-dash-20260519 --to prod");
    demo.awaitText("dashboard in staging runs p10e-dash-20260515-tenant-themes now, not sha256:");
    assertThat(demo.image("prod", "coachpilot", "dashboard")).contains("20260515-tenant-themes");
  }
}
