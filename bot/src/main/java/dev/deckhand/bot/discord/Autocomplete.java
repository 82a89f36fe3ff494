package dev.deckhand.bot.discord;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.ports.ImageRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * What to offer while someone types an option: services and aliases, environments, and the newest
 * tags of the chosen service from its registry (tags the service's pattern accepts, newest first by
 * a natural order that reads numbers as numbers, so {@code v1.10} comes before {@code v1.9} and
 * dated tags by date). A service's tag list is kept for {@link #TAGS_FRESH} so that each keystroke
 * does not ask the registry again. Thread-safe; {@link #tags} may block on the registry.
 */
final class Autocomplete {
  static final int MAX = SlashCommands.MAX_CHOICES;
  static final Duration TAGS_FRESH = Duration.ofSeconds(30);

  private final Catalog catalog;
  private final ImageRegistry registry;
  private final LongSupplier nanoClock;
  private final Map<String, Cached> tags = new ConcurrentHashMap<>();

  private record Cached(long at, List<String> newestFirst) {}

  Autocomplete(Catalog catalog, ImageRegistry registry, LongSupplier nanoClock) {
    this.catalog = catalog;
    this.registry = registry;
    this.nanoClock = nanoClock;
  }

  /** Service names, then aliases, containing what was typed; names starting with it first. */
  List<String> services(String typed) {
    String t = typed.toLowerCase(Locale.ROOT);
    Stream<String> names = catalog.services().keySet().stream();
    Stream<String> aliases =
        catalog.services().values().stream().flatMap(s -> s.aliases().stream());
    return Stream.concat(names, aliases)
        .filter(n -> n.toLowerCase(Locale.ROOT).contains(t))
        .sorted(Comparator.comparing((String n) -> !n.toLowerCase(Locale.ROOT).startsWith(t)))
        .distinct()
        .limit(MAX)
        .toList();
  }

  List<String> environments(String typed) {
    String t = typed.toLowerCase(Locale.ROOT);
    return catalog.environments().keySet().stream()
        .filter(e -> e.toLowerCase(Locale.ROOT).startsWith(t))
        .limit(MAX)
        .toList();
  }

  /** The newest tags of the service (name or alias) that start with what was typed. */
  List<String> tags(String service, String typed) {
    ServiceSpec spec = catalog.service(service == null ? "" : service).orElse(null);
    if (spec == null) {
      return List.of();
    }
    long now = nanoClock.getAsLong();
    Cached cached = tags.get(spec.image());
    if (cached == null || now - cached.at() > TAGS_FRESH.toNanos()) {
      List<String> sorted = new ArrayList<>(registry.tags(spec.image()));
      sorted.removeIf(tag -> !spec.acceptsTag(tag));
      sorted.sort(NATURAL.reversed());
      cached = new Cached(now, List.copyOf(sorted));
      tags.put(spec.image(), cached);
    }
    return cached.newestFirst().stream()
        .filter(tag -> tag.startsWith(typed))
        .filter(tag -> tag.length() <= 100)
        .limit(MAX)
        .toList();
  }

  /** Compares runs of digits by value and everything else character by character. */
  static final Comparator<String> NATURAL =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          char x = a.charAt(i);
          char y = b.charAt(j);
          if (Character.isDigit(x) && Character.isDigit(y)) {
            int si = i;
            int sj = j;
            while (i < a.length() && Character.isDigit(a.charAt(i))) {
              i++;
            }
            while (j < b.length() && Character.isDigit(b.charAt(j))) {
              j++;
            }
            String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
            String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
            int c = na.length() != nb.length() ? na.length() - nb.length() : na.compareTo(nb);
            if (c != 0) {
              return c;
            }
          } else {
            if (x != y) {
              return x - y;
            }
            i++;
            j++;
          }
        }
        return (a.length() - i) - (b.length() - j);
      };
}
