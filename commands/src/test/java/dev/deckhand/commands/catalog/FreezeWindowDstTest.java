package dev.deckhand.commands.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Weekly windows across daylight-saving changes. Europe/Berlin in 2026: the clocks jump from 02:00
 * to 03:00 on Sunday 29 March and fall back from 03:00 to 02:00 on Sunday 25 October.
 * America/New_York: 02:00 to 03:00 on Sunday 8 March, 02:00 to 01:00 on Sunday 1 November.
 */
class FreezeWindowDstTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static FreezeWindow window(
      ZoneId zone, DayOfWeek fromDay, String from, DayOfWeek toDay, String to) {
    return new FreezeWindow(
        "test", zone, fromDay, LocalTime.parse(from), toDay, LocalTime.parse(to));
  }

  private static Instant utc(String text) {
    return Instant.parse(text);
  }

  @Test
  void anEndInTheSpringGapComesWhenTheClocksJump() {
    // Sunday 02:30 does not exist in Berlin on 29 March: the freeze ends at the jump, 03:00 CEST
    FreezeWindow w = window(BERLIN, DayOfWeek.FRIDAY, "18:00", DayOfWeek.SUNDAY, "02:30");

    assertThat(w.endAfter(utc("2026-03-28T11:00:00Z"))).isEqualTo(utc("2026-03-29T01:00:00Z"));
    assertThat(w.covers(utc("2026-03-29T00:59:00Z"))).isTrue(); // 01:59 CET
    assertThat(w.covers(utc("2026-03-29T01:00:00Z"))).isFalse(); // 03:00 CEST
    // the week after, 02:30 exists again
    assertThat(w.endAfter(utc("2026-04-04T11:00:00Z"))).isEqualTo(utc("2026-04-05T00:30:00Z"));
  }

  @Test
  void aStartInTheSpringGapComesWhenTheClocksJump() {
    FreezeWindow w = window(NEW_YORK, DayOfWeek.SUNDAY, "02:30", DayOfWeek.SUNDAY, "05:00");

    assertThat(w.nextStart(utc("2026-03-07T12:00:00Z"))).isEqualTo(utc("2026-03-08T07:00:00Z"));
    assertThat(w.covers(utc("2026-03-08T06:59:00Z"))).isFalse(); // 01:59 EST
    assertThat(w.covers(utc("2026-03-08T07:00:00Z"))).isTrue(); // 03:00 EDT
    assertThat(w.endAfter(utc("2026-03-08T07:00:00Z"))).isEqualTo(utc("2026-03-08T09:00:00Z"));
  }

  @Test
  void anEndInTheAutumnOverlapIsItsFirstOccurrenceAndTheRepeatStaysOpen() {
    // Sunday 02:30 happens twice in Berlin on 25 October: first at 00:30Z (CEST), then 01:30Z
    FreezeWindow w = window(BERLIN, DayOfWeek.FRIDAY, "18:00", DayOfWeek.SUNDAY, "02:30");

    assertThat(w.endAfter(utc("2026-10-24T10:00:00Z"))).isEqualTo(utc("2026-10-25T00:30:00Z"));
    assertThat(w.covers(utc("2026-10-25T00:29:00Z"))).isTrue();
    assertThat(w.covers(utc("2026-10-25T00:30:00Z"))).isFalse();
    // 02:00-02:29 CET, the repeated hour, does not freeze again
    assertThat(w.covers(utc("2026-10-25T01:00:00Z"))).isFalse();
    assertThat(w.covers(utc("2026-10-25T01:29:00Z"))).isFalse();
  }

  @Test
  void aStartInTheAutumnOverlapIsItsFirstOccurrence() {
    FreezeWindow w = window(NEW_YORK, DayOfWeek.SUNDAY, "01:30", DayOfWeek.SUNDAY, "04:00");

    // 01:30 EDT is 05:30Z; 01:30 EST (06:30Z) comes an hour later, inside the window
    assertThat(w.nextStart(utc("2026-10-31T12:00:00Z"))).isEqualTo(utc("2026-11-01T05:30:00Z"));
    assertThat(w.covers(utc("2026-11-01T05:29:00Z"))).isFalse();
    assertThat(w.covers(utc("2026-11-01T06:45:00Z"))).isTrue();
    assertThat(w.endAfter(utc("2026-11-01T06:45:00Z"))).isEqualTo(utc("2026-11-01T09:00:00Z"));
  }

  @Test
  void aWeekendAcrossTheChangeFollowsTheWallClock() {
    FreezeWindow w = window(BERLIN, DayOfWeek.FRIDAY, "16:00", DayOfWeek.MONDAY, "08:00");

    assertThat(w.covers(utc("2026-03-27T14:59:00Z"))).isFalse(); // 15:59 CET
    assertThat(w.covers(utc("2026-03-27T15:00:00Z"))).isTrue(); // 16:00 CET
    assertThat(w.endAfter(utc("2026-03-28T12:00:00Z"))).isEqualTo(utc("2026-03-30T06:00:00Z"));
    assertThat(w.covers(utc("2026-03-30T05:59:00Z"))).isTrue(); // 07:59 CEST
    assertThat(w.covers(utc("2026-03-30T06:00:00Z"))).isFalse();
  }

  @Test
  void windowsWrapTheWeekAndEndBeforeTheyStart() {
    FreezeWindow overnight =
        window(ZoneId.of("UTC"), DayOfWeek.SUNDAY, "22:00", DayOfWeek.MONDAY, "06:00");
    assertThat(overnight.covers(utc("2026-05-18T05:59:00Z"))).isTrue(); // Monday
    assertThat(overnight.covers(utc("2026-05-18T06:00:00Z"))).isFalse();
    assertThat(overnight.endAfter(utc("2026-05-17T23:00:00Z")))
        .isEqualTo(utc("2026-05-18T06:00:00Z"));

    // Wednesday 13:00 until the next Wednesday 11:30
    FreezeWindow mostOfTheWeek =
        window(ZoneId.of("UTC"), DayOfWeek.WEDNESDAY, "13:00", DayOfWeek.WEDNESDAY, "11:30");
    assertThat(mostOfTheWeek.covers(utc("2026-05-21T12:00:00Z"))).isTrue(); // Thursday
    assertThat(mostOfTheWeek.covers(utc("2026-05-20T12:00:00Z"))).isFalse(); // Wednesday noon
    assertThat(mostOfTheWeek.endAfter(utc("2026-05-21T12:00:00Z")))
        .isEqualTo(utc("2026-05-27T11:30:00Z"));
  }

  @Test
  void timesAreShownOnTheWallClockWithTheZoneAbbreviation() {
    assertThat(WallClock.dateTime(utc("2026-03-29T01:00:00Z"), BERLIN))
        .isEqualTo("2026-03-29 03:00 CEST");
    assertThat(WallClock.dateTime(utc("2026-03-29T00:59:00Z"), BERLIN))
        .isEqualTo("2026-03-29 01:59 CET");
    assertThat(WallClock.time(utc("2026-11-01T05:30:00Z"), NEW_YORK)).isEqualTo("01:30 EDT");
    assertThat(WallClock.time(utc("2026-11-01T06:30:00Z"), NEW_YORK)).isEqualTo("01:30 EST");
    assertThat(WallClock.time(utc("2026-11-01T06:30:00Z"), ZoneId.of("UTC")))
        .isEqualTo("06:30 UTC");
  }
}
