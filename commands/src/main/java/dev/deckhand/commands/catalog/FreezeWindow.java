package dev.deckhand.commands.catalog;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A weekly freeze, e.g. Friday 16:00 to Monday 08:00 in Europe/Zurich. The window may wrap around
 * the end of the week. Pure and immutable.
 */
public record FreezeWindow(
    String reason,
    ZoneId zone,
    DayOfWeek fromDay,
    LocalTime fromTime,
    DayOfWeek toDay,
    LocalTime toTime) {
  public FreezeWindow {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(fromDay, "fromDay");
    Objects.requireNonNull(fromTime, "fromTime");
    Objects.requireNonNull(toDay, "toDay");
    Objects.requireNonNull(toTime, "toTime");
  }

  /** True while {@code instant} is inside the window. */
  public boolean covers(Instant instant) {
    ZonedDateTime t = instant.atZone(zone);
    long now = minuteOfWeek(t.getDayOfWeek(), t.toLocalTime());
    long from = minuteOfWeek(fromDay, fromTime);
    long to = minuteOfWeek(toDay, toTime);
    return from <= to ? now >= from && now < to : now >= from || now < to;
  }

  /** When the window covering {@code instant} ends. */
  public Instant endAfter(Instant instant) {
    ZonedDateTime t = instant.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
    for (int i = 0; i <= 7 * 24 * 60; i++) {
      ZonedDateTime candidate = t.plusMinutes(i);
      if (candidate.getDayOfWeek() == toDay && candidate.toLocalTime().equals(toTime)) {
        return candidate.toInstant();
      }
    }
    return instant;
  }

  private static long minuteOfWeek(DayOfWeek day, LocalTime time) {
    return (day.getValue() - 1) * 24L * 60 + time.getHour() * 60L + time.getMinute();
  }

  /** {@code FRIDAY 16:00 – MONDAY 08:00 Europe/Zurich}. */
  public String window() {
    return fromDay + " " + fromTime + " – " + toDay + " " + toTime + " " + zone;
  }

  @Override
  public String toString() {
    return fromDay + " " + fromTime + " – " + toDay + " " + toTime + " " + zone + " (" + reason
        + ")";
  }
}
