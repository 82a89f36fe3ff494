package dev.deckhand.commands.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.ApprovalPolicy;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.FreezeWindow;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.FreezeStore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreezesTest {
  private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
  private final FreezeWindow weekend =
      new FreezeWindow(
          "no weekend deploys",
          ZURICH,
          DayOfWeek.FRIDAY,
          LocalTime.of(16, 0),
          DayOfWeek.MONDAY,
          LocalTime.of(8, 0));
  private final EnvironmentSpec prod =
      new EnvironmentSpec(
          "prod",
          "prod",
          true,
          true,
          List.of(),
          ApprovalPolicy.ONE_OTHER_PERSON,
          List.of(weekend),
          true);

  @Test
  void aConfiguredWindowFreezesAndSaysUntilWhen() {
    Freezes freezes = new Freezes(none());
    Instant saturdayNoon = Instant.parse("2026-11-21T11:00:00Z");
    assertThat(freezes.activeFreeze(prod, saturdayNoon))
        .hasValueSatisfying(
            f ->
                assertThat(f)
                    .isEqualTo(
                        "prod is frozen (no weekend deploys) until 2026-11-23 08:00 CET (every FRIDAY 16:00 – MONDAY 08:00 Europe/Zurich)"));
    assertThat(freezes.activeFreeze(prod, Instant.parse("2026-11-18T11:00:00Z"))).isEmpty();
  }

  @Test
  void anAdHocFreezeNamesWhoAndWhy() {
    Instant now = Instant.parse("2026-11-18T11:00:00Z");
    FreezeStore store =
        new FreezeStore() {
          @Override
          public void freeze(String environment, Instant until, Actor by, String reason) {}

          @Override
          public boolean unfreeze(String environment) {
            return false;
          }

          @Override
          public Optional<Freeze> active(String environment, Instant at) {
            return Optional.of(
                new Freeze(
                    environment,
                    now.plusSeconds(3600),
                    new Actor("console", "bob", "bob"),
                    "peak hours"));
          }
        };
    assertThat(new Freezes(store).activeFreeze(prod, now))
        .contains("prod is frozen by bob until 2026-11-18 13:00 CET: peak hours");
  }

  @Test
  void aWindowEndingInTheSpringGapSaysWhenTheClocksJump() {
    // Sunday 02:30 does not exist in Berlin on 29 March 2026; the freeze ends at 03:00 CEST
    FreezeWindow night =
        new FreezeWindow(
            "maintenance",
            java.time.ZoneId.of("Europe/Berlin"),
            DayOfWeek.SATURDAY,
            LocalTime.of(22, 0),
            DayOfWeek.SUNDAY,
            LocalTime.of(2, 30));
    EnvironmentSpec berlin =
        new EnvironmentSpec(
            "prod", "prod", true, true, List.of(), ApprovalPolicy.NONE, List.of(night), true);

    assertThat(new Freezes(none()).activeFreeze(berlin, Instant.parse("2026-03-28T23:30:00Z")))
        .hasValueSatisfying(f -> assertThat(f).contains("until 2026-03-29 03:00 CEST"));
  }

  private static FreezeStore none() {
    return new FreezeStore() {
      @Override
      public void freeze(String environment, Instant until, Actor by, String reason) {}

      @Override
      public boolean unfreeze(String environment) {
        return false;
      }

      @Override
      public Optional<Freeze> active(String environment, Instant now) {
        return Optional.empty();
      }
    };
  }
}
