package dev.deckhand.bot.config;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the problems of one load; identical problems are kept once. Not thread-safe. */
final class Problems {
  private final Path file;
  private final Set<Problem> found = new LinkedHashSet<>();

  Problems(Path file) {
    this.file = file;
  }

  void add(int line, String field, String message) {
    found.add(new Problem(file, line, field, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Everything found so far, ordered by line (stable, so same-line problems keep their order). */
  List<Problem> sorted() {
    return found.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
  }

  void throwIfAny() throws CatalogException {
    if (!found.isEmpty()) {
      throw new CatalogException(sorted());
    }
  }
}
