package dev.deckhand.commands.parse;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.command.Command;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The grammar of one command: its word, positional arguments ({@code <required>}, {@code
 * [optional]}), flags, a one-line summary and an example, and how its words become a {@link
 * Command}. {@code /help} is generated from these.
 */
public record CommandSpec(
    String name,
    List<String> arguments,
    List<Flag> flags,
    String summary,
    String example,
    Builder builder) {

  /** Turns parsed words into a validated command, or throws {@link UsageException}. */
  @FunctionalInterface
  public interface Builder {
    Command build(Args args, Catalog catalog);
  }

  public CommandSpec {
    arguments = List.copyOf(arguments);
    flags = List.copyOf(flags);
  }

  public int requiredArguments() {
    return (int) arguments.stream().filter(a -> a.startsWith("<")).count();
  }

  public Optional<Flag> flag(String flagName) {
    return flags.stream().filter(f -> f.name().equals(flagName)).findFirst();
  }

  /** {@code /deploy <service> <tag-or-prefix> [--env E] [--dry-run]}. */
  public String usage() {
    return Stream.concat(
            Stream.concat(Stream.of("/" + name), arguments.stream()),
            flags.stream().map(f -> "[" + f.synopsis() + "]"))
        .collect(Collectors.joining(" "));
  }
}
