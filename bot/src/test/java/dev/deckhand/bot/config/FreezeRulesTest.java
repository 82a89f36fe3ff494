package dev.deckhand.bot.config;

import static dev.deckhand.bot.config.ApprovalRulesTest.withProd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.FreezeWindow;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environments: weekly freeze windows. */
class FreezeRulesTest {
  private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

  @TempDir Path dir;

  private List<FreezeWindow> freezes(CatalogYaml yaml) throws CatalogException {
    return new Loading(dir).load(yaml.text()).catalog().environment("prod").orElseThrow().freezes();
  }

  private List<String> problems(CatalogYaml yaml) {
    return new Loading(dir).problems(yaml.text());
  }

  /** 2026-05-20 is a Wednesday, 2026-05-22 a Friday, 2026-05-23 a Saturday. */
  private static Instant zurich(int day, int hour, int minute) {
    return ZonedDateTime.of(2026, 5, day, hour, minute, 0, 0, ZURICH).toInstant();
  }

  @Test
  void windowsAreReadInOrder() throws Exception {
    CatalogYaml yaml =
        withProd(
            """
                freezes:
                  - { from: "fri 16:00", to: "mon 08:00", zone: Europe/Zurich, reason: weekend }
                  - from: "Wednesday 9:30"
                    to: "WED 13:00"
                    reason: "  lunch peak "
            """);

    assertThat(freezes(yaml))
        .containsExactly(
            new FreezeWindow(
                "weekend",
                ZURICH,
                DayOfWeek.FRIDAY,
                LocalTime.of(16, 0),
                DayOfWeek.MONDAY,
                LocalTime.of(8, 0)),
            new FreezeWindow(
                "lunch peak",
                ZoneId.of("UTC"),
                DayOfWeek.WEDNESDAY,
                LocalTime.of(9, 30),
                DayOfWeek.WEDNESDAY,
                LocalTime.of(13, 0)));
  }

  @Test
  void aWeekendWindowCoversSaturdayNoonAndNotWednesday() throws Exception {
    FreezeWindow weekend =
        freezes(
                withProd(
                    "    freezes: [{from: \"fri 16:00\", to: \"mon 08:00\", zone: Europe/Zurich,"
                        + " reason: weekend}]"))
            .get(0);

    assertThat(weekend.covers(zurich(23, 12, 0))).isTrue();
    assertThat(weekend.covers(zurich(22, 16, 0))).isTrue();
    assertThat(weekend.covers(zurich(22, 15, 59))).isFalse();
    assertThat(weekend.covers(zurich(25, 7, 59))).isTrue();
    assertThat(weekend.covers(zurich(25, 8, 0))).isFalse();
    assertThat(weekend.covers(zurich(20, 12, 0))).isFalse();
    assertThat(weekend.endAfter(zurich(23, 12, 0))).isEqualTo(zurich(25, 8, 0));
  }

  @Test
  void aSameDayWindowCoversOnlyThatStretch() throws Exception {
    FreezeWindow lunch =
        freezes(
                withProd(
                    "    freezes: [{from: \"wed 11:30\", to: \"wed 13:00\", zone: Europe/Zurich,"
                        + " reason: lunch}]"))
            .get(0);

    assertThat(lunch.covers(zurich(20, 12, 0))).isTrue();
    assertThat(lunch.covers(zurich(20, 11, 29))).isFalse();
    assertThat(lunch.covers(zurich(20, 13, 0))).isFalse();
    assertThat(lunch.covers(zurich(21, 12, 0))).isFalse();
    assertThat(lunch.covers(zurich(23, 12, 0))).isFalse();
  }

  @Test
  void theZoneMovesTheWindow() throws Exception {
    FreezeWindow utc =
        freezes(withProd("    freezes: [{from: \"wed 11:30\", to: \"wed 13:00\", reason: x}]"))
            .get(0);

    assertThat(utc.zone()).isEqualTo(ZoneId.of("UTC"));
    // 12:00 in Zurich is 10:00 UTC in May: before the window
    assertThat(utc.covers(zurich(20, 12, 0))).isFalse();
    assertThat(utc.covers(zurich(20, 14, 0))).isTrue();
  }

  @Test
  void badDaysTimesZonesAndReasonsAreEachReported() {
    CatalogYaml yaml =
        withProd(
            """
                freezes:
                  - { from: "fry 16:00", to: "mon 24:00", zone: Europe/Zurch, reason: weekend }
                  - { from: "fri16:00", to: "mon 8", reason: "  " }
                  - { from: "tue 10:00", to: "tuesday 10:00", reason: x }
                  - { to: "mon 08:00", zone: Mars/Olympus }
                  - weekend
                  - { from: "fri 16:00", to: "mon 08:00", reason: x, why: y }
            """);

    String dayTime =
        " is not a day and time; write a day (mon..sun, or monday..sunday) and a 24-hour HH:MM,"
            + " e.g. fri 16:00";
    assertThat(problems(yaml))
        .containsExactly(
            "12: environments.prod.freezes[0].from: 'fry 16:00'" + dayTime,
            "12: environments.prod.freezes[0].to: 'mon 24:00'" + dayTime,
            "12: environments.prod.freezes[0].zone: 'Europe/Zurch' is not a time zone (did you"
                + " mean 'Europe/Zurich'?); write a region like Europe/Zurich, or UTC",
            "13: environments.prod.freezes[1].from: 'fri16:00'" + dayTime,
            "13: environments.prod.freezes[1].to: 'mon 8'" + dayTime,
            "13: environments.prod.freezes[1].reason: must not be empty",
            "14: environments.prod.freezes[2].to: the window ends when it starts (tue 10:00), so"
                + " it covers nothing; give a later day or time",
            "15: environments.prod.freezes[3].from: required",
            "15: environments.prod.freezes[3].zone: 'Mars/Olympus' is not a time zone; write a"
                + " region like Europe/Zurich, or UTC",
            "15: environments.prod.freezes[3].reason: required",
            "16: environments.prod.freezes[4]: expected a map (key: value), got 'weekend'",
            "17: environments.prod.freezes[5]: unknown key 'why'; expected one of: from, to, zone,"
                + " reason");
  }

  @Test
  void freezesIsAList() {
    assertThat(
            problems(withProd("    freezes: {from: \"fri 16:00\", to: \"mon 08:00\", reason: x}")))
        .containsExactly("11: environments.prod.freezes: expected a list like [a, b], got a map");
  }

  @Test
  void dayAndTimeAcceptShortAndFullDayNamesInAnyCase() {
    assertThat(FreezeSection.parseDayTime("sun 00:00"))
        .contains(new FreezeSection.DayTime(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT));
    assertThat(FreezeSection.parseDayTime(" Thursday  23:59 "))
        .contains(new FreezeSection.DayTime(DayOfWeek.THURSDAY, LocalTime.of(23, 59)));
    assertThat(FreezeSection.parseDayTime("SAT 7:05"))
        .contains(new FreezeSection.DayTime(DayOfWeek.SATURDAY, LocalTime.of(7, 5)));
    assertThat(FreezeSection.parseDayTime("thurs 10:00")).isEmpty();
    assertThat(FreezeSection.parseDayTime("mon 10:60")).isEmpty();
    assertThat(FreezeSection.parseDayTime("mon 10.00")).isEmpty();
    assertThat(FreezeSection.parseDayTime("mon")).isEmpty();
    assertThat(FreezeSection.parseDayTime("10:00")).isEmpty();
  }
}
