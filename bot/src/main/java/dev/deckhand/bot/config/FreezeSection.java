package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.FreezeWindow;
import dev.deckhand.commands.catalog.Suggestions;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code environments.<env>.freezes:} a list of weekly windows {@code {from, to, zone, reason}},
 * where {@code from} and {@code to} are a day and a 24-hour time ({@code fri 16:00}); a window may
 * wrap around the end of the week ({@code fri 16:00} to {@code mon 08:00}). A window without {@code
 * zone} is in the environment's zone.
 */
final class FreezeSection {
  static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

  private static final Pattern DAY_TIME =
      Pattern.compile("([A-Za-z]+)\\s+([01]?[0-9]|2[0-3]):([0-5][0-9])");

  /** A day of the week and a time of day, as written in {@code from} and {@code to}. */
  record DayTime(DayOfWeek day, LocalTime time) {
    @Override
    public String toString() {
      return day.name().substring(0, 3).toLowerCase(Locale.ROOT) + " " + time;
    }
  }

  private FreezeSection() {}

  /**
   * The windows that could be read; problems in the others are reported.
   *
   * @param environmentZone the zone of a window that names none
   */
  static List<FreezeWindow> parse(YamlNode node, ZoneId environmentZone) {
    List<FreezeWindow> windows = new ArrayList<>();
    for (YamlNode item : node.list().orElse(List.of())) {
      window(item, environmentZone).ifPresent(windows::add);
    }
    return windows;
  }

  private static Optional<FreezeWindow> window(YamlNode item, ZoneId environmentZone) {
    Optional<YamlMap> found = item.map("from", "to", "zone", "reason");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<DayTime> from = map.required("from").flatMap(FreezeSection::dayTime);
    Optional<DayTime> to = map.required("to").flatMap(FreezeSection::dayTime);
    Optional<ZoneId> zone =
        map.get("zone").map(FreezeSection::zone).orElse(Optional.of(environmentZone));
    Optional<String> reason = map.requiredText("reason");
    if (from.isPresent() && from.equals(to)) {
      map.get("to")
          .orElseThrow()
          .problem(
              "the window ends when it starts ("
                  + from.get()
                  + "), so it covers nothing; give a later day or time");
      return Optional.empty();
    }
    if (from.isEmpty() || to.isEmpty() || zone.isEmpty() || reason.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new FreezeWindow(
            reason.get().strip(),
            zone.get(),
            from.get().day(),
            from.get().time(),
            to.get().day(),
            to.get().time()));
  }

  /** {@code fri 16:00}, {@code Friday 16:00}; reports and answers empty otherwise. */
  static Optional<DayTime> dayTime(YamlNode node) {
    Optional<String> text = node.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<DayTime> value = parseDayTime(text.get());
    if (value.isEmpty()) {
      node.problem(
          YamlNode.quote(text.get())
              + " is not a day and time; write a day (mon..sun, or monday..sunday) and a"
              + " 24-hour HH:MM, e.g. fri 16:00");
    }
    return value;
  }

  /** Pure form of {@link #dayTime(YamlNode)}. */
  static Optional<DayTime> parseDayTime(String text) {
    Matcher m = DAY_TIME.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return day(m.group(1))
        .map(
            d ->
                new DayTime(
                    d, LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))));
  }

  private static Optional<DayOfWeek> day(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      String full = day.name().toLowerCase(Locale.ROOT);
      if (lower.equals(full) || lower.equals(full.substring(0, 3))) {
        return Optional.of(day);
      }
    }
    return Optional.empty();
  }

  /** A region like Europe/Zurich, or UTC (also when empty); reports and answers empty otherwise. */
  static Optional<ZoneId> zone(YamlNode node) {
    Optional<String> text = node.text();
    if (text.isEmpty()) {
      return node.isNull() ? Optional.of(DEFAULT_ZONE) : Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(text.get().strip()));
    } catch (DateTimeException e) {
      List<String> close =
          Suggestions.closest(
              text.get(), ZoneId.getAvailableZoneIds().stream().sorted().toList(), 1);
      String hint = close.isEmpty() ? "" : " (did you mean '" + close.get(0) + "'?)";
      node.problem(
          YamlNode.quote(text.get())
              + " is not a time zone"
              + hint
              + "; write a region like Europe/Zurich, or UTC");
      return Optional.empty();
    }
  }
}
