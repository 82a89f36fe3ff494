package dev.deckhand.commands.catalog;

import java.util.Map;
import java.util.Objects;

/**
 * A person of the catalog's {@code people:} section: one name and the ids that are theirs, one per
 * platform ({@code console}, {@code slack}, {@code discord}). Votes and requests from any of those
 * ids are that person's.
 */
public record Person(String name, Map<String, String> ids) {
  public Person {
    Objects.requireNonNull(name, "name");
    ids = Map.copyOf(ids);
  }
}
