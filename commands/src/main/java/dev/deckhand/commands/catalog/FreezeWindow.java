package dev.deckhand.commands.catalog;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A weekly freeze, e.g. Friday 16:00 to Monday 08:00 in Europe/Zurich. The window may wrap around
 * the end of the week. Its start and end are wall-clock times in {@code zone}, so a weekend freeze
 * lasts an hour more or less across a daylight-saving change; a window whose end comes before its
 * start on the same day wraps to the next week. Pure and immutable.
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
    return covering(instant).isPresent();
  }

  /**
   * When the window covering {@code instant} ends; when none covers it, the next end after it.
   * Wall-clock times in a daylight-saving gap (02:30 on the night the clocks jump from 02:00 to
   * 03:00) happen at the jump; times in an overlap (02:30 twice) at their first occurrence.
   */
  public Instant endAfter(Instant instant) {
    return covering(instant)
        .orElseGet(
            () -> {
              Instant next = nextStart(instant);
              return end(next.atZone(zone).toLocalDate(), next);
            });
  }

  /** The first start of the window strictly after {@code instant}, with the rules above. */
  public Instant nextStart(Instant instant) {
    LocalDate day = instant.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i <= 15; i++, day = day.plusDays(1)) {
      if (day.getDayOfWeek() == fromDay) {
        Instant start = at(day, fromTime);
        if (start.isAfter(instant)) {
          return start;
        }
      }
    }
    throw new IllegalStateException("no start of " + this + " within two weeks");
  }

  /** The end of the occurrence that covers {@code instant}, if one does. */
  private Optional<Instant> covering(Instant instant) {
    LocalDate today = instant.atZone(zone).toLocalDate();
    // an occurrence lasts at most a week (and an hour), so it started within the last 8 days
    for (LocalDate day = today.minusDays(8); !day.isAfter(today); day = day.plusDays(1)) {
      if (day.getDayOfWeek() == fromDay) {
        Instant start = at(day, fromTime);
        Instant end = end(day, start);
        if (!instant.isBefore(start) && instant.isBefore(end)) {
          return Optional.of(end);
        }
      }
    }
    return Optional.empty();
  }

  /** The end of the occurrence that starts on {@code startDay} at {@code start}. */
  private Instant end(LocalDate startDay, Instant start) {
    int days = (toDay.getValue() - fromDay.getValue() + 7) % 7;
    if (days == 0 && toTime.isBefore(fromTime)) {
      days = 7;
    }
    Instant end = at(startDay.plusDays(days), toTime);
    return end.isBefore(start) ? start : end;
  }

  /** The instant a wall clock in {@link #zone} first shows {@code day time}, or jumps past it. */
  private Instant at(LocalDate day, LocalTime time) {
    LocalDateTime local = day.atTime(time);
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant(); // in the gap: when the clocks jump
    }
    return offsets.stream().map(local::toInstant).min(Instant::compareTo).orElseThrow();
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
