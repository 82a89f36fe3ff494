package dev.deckhand.commands.catalog;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as users read them: on the wall clock of an environment's zone, with the zone's
 * abbreviation ({@code 2026-03-29 03:00 CEST}, {@code 16:30 EDT}, {@code 09:00 UTC}), so that a
 * time next to a daylight-saving change says which side of it it is on. Pure.
 */
public final class WallClock {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);

  private WallClock() {}

  /** {@code 2026-03-29 03:00 CEST}. */
  public static String dateTime(Instant instant, ZoneId zone) {
    return DATE_TIME.withZone(zone).format(instant);
  }

  /** {@code 03:00 CEST}. */
  public static String time(Instant instant, ZoneId zone) {
    return TIME.withZone(zone).format(instant);
  }
}
