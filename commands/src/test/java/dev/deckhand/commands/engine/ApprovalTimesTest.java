package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.operation.OperationState;
import java.time.Duration;
import java.time.ZoneId;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Approval expiry and the end of an ad hoc freeze are shown on the wall clock of the environment's
 * zone, with its abbreviation.
 */
class ApprovalTimesTest {
  private EngineFixture world;

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void theRequestSaysWhenItExpiresInTheEnvironmentsZone() {
    // the fixture's clock says 2026-05-19 10:00 UTC; 30 minutes later is 06:30 in New York
    world =
        EngineFixture.builder()
            .prodApprovals(1, Duration.ofMinutes(30))
            .prodZone(ZoneId.of("America/New_York"))
            .build();
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");

    eventually().until(() -> world.chat.shown() != null && !world.chat.shown().notes().isEmpty());
    assertThat(world.chat.shown().notes().get(0)).endsWith("; expires 06:30 EDT");
  }

  @Test
  void anExpiredRequestSaysWhenInTheEnvironmentsZone() {
    world =
        EngineFixture.builder()
            .prodApprovals(1, Duration.ofMillis(300))
            .prodZone(ZoneId.of("Europe/Berlin"))
            .build();
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");

    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                world.store.operations().size() == 1
                    && world.store.only().state() == OperationState.EXPIRED);
    eventually()
        .until(() -> world.chat.shown().notes().get(0).startsWith("expired: nobody approved by"));
    assertThat(world.chat.shown().notes().get(0))
        .isEqualTo("expired: nobody approved by 12:00 CEST");
  }

  @Test
  void anAdHocFreezeSaysUntilWhenInTheEnvironmentsZone() {
    world = EngineFixture.builder().prodZone(ZoneId.of("Europe/Berlin")).build();

    world.submitAs(EngineFixture.BOB, "/freeze prod 2h \"peak hours\"", "freeze-1");

    dev.deckhand.commands.chat.Reply answer =
        eventually()
            .until(
                () -> world.chat.answers().isEmpty() ? null : world.chat.answers().get(0),
                r -> r != null);
    assertThat(answer)
        .isEqualTo(
            new dev.deckhand.commands.chat.Reply.Text(
                "❄️ prod is frozen until 2026-05-19 14:00 CEST by Bob: peak hours. Deploys are"
                    + " refused; /unfreeze prod lifts it."));
  }
}
