package dev.deckhand.commands.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The words of one command after the command word: positional arguments and flags. */
public record Args(List<String> positionals, Map<String, String> flags) {
  public Args {
    positionals = List.copyOf(positionals);
    flags = Map.copyOf(flags);
  }

  public Optional<String> positional(int index) {
    return index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
  }

  public Optional<String> flag(String name) {
    return Optional.ofNullable(flags.get(name));
  }

  public boolean has(String name) {
    return flags.containsKey(name);
  }
}
