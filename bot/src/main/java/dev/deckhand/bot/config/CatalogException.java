package dev.deckhand.bot.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalog cannot be used: it holds every problem found in the file, not just the first, so an
 * operator can fix them all in one go. The message lists them one per line, in file order.
 */
public final class CatalogException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public CatalogException(List<Problem> problems) {
    super(problems.stream().map(Problem::render).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a catalog exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, ordered by line. */
  public List<Problem> problems() {
    return problems;
  }
}
