package dev.deckhand.commands.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" by edit distance and prefix. Pure. */
public final class Suggestions {
  private Suggestions() {}

  /** The candidates within a small edit distance of {@code typed} (or starting with it). */
  public static List<String> closest(String typed, List<String> candidates, int limit) {
    String t = typed.toLowerCase(Locale.ROOT);
    int threshold = Math.max(2, t.length() / 3);
    return candidates.stream()
        .distinct()
        .filter(
            c -> {
              String lc = c.toLowerCase(Locale.ROOT);
              return lc.startsWith(t) || lc.contains(t) || distance(t, lc) <= threshold;
            })
        .sorted(Comparator.comparingInt(c -> distance(t, c.toLowerCase(Locale.ROOT))))
        .limit(limit)
        .toList();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }
}
