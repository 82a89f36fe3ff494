package dev.deckhand.commands.parse;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.Suggestions;
import dev.deckhand.commands.command.Command;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns command text into a validated {@link Command}, or throws {@link UsageException} saying what
 * to type instead. Accepts {@code /deploy ...}, {@code deploy ...} and {@code /deckhand deploy
 * ...}. Immutable and thread-safe.
 */
public final class CommandParser {
  private static final int MAX_LENGTH = 2000;

  private final Map<String, CommandSpec> specs = new LinkedHashMap<>();
  private final Catalog catalog;

  public CommandParser(List<CommandSpec> specs, Catalog catalog) {
    specs.forEach(s -> this.specs.put(s.name(), s));
    this.catalog = catalog;
  }

  public List<CommandSpec> specs() {
    return List.copyOf(specs.values());
  }

  public Optional<CommandSpec> spec(String name) {
    return Optional.ofNullable(specs.get(stripSlash(name).toLowerCase(Locale.ROOT)));
  }

  public Command parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new UsageException(
          "that command is " + text.length() + " characters long; the limit is " + MAX_LENGTH,
          "type /help to see the commands");
    }
    List<String> words = new ArrayList<>(Tokenizer.split(text.strip()));
    if (!words.isEmpty() && stripSlash(words.get(0)).equalsIgnoreCase("deckhand")) {
      words.remove(0);
    }
    if (words.isEmpty()) {
      throw new UsageException("no command given", "type /help to see the commands");
    }
    String word = stripSlash(words.remove(0)).toLowerCase(Locale.ROOT);
    CommandSpec spec = specs.get(word);
    if (spec == null) {
      List<String> close = Suggestions.closest(word, List.copyOf(specs.keySet()), 2);
      String hint =
          close.isEmpty()
              ? "type /help to see the commands"
              : "did you mean /" + String.join(" or /", close) + "? Type /help to see the commands";
      throw new UsageException("unknown command /" + word, hint);
    }
    return spec.builder().build(split(spec, words), catalog);
  }

  private static Args split(CommandSpec spec, List<String> words) {
    List<String> positionals = new ArrayList<>();
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (!w.startsWith("--") || w.length() == 2) {
        positionals.add(w);
        continue;
      }
      String name = w.substring(2);
      String inlineValue = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inlineValue = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      String flagName = name;
      Flag flag =
          spec.flag(flagName)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "/" + spec.name() + " has no flag --" + flagName,
                          "usage: " + spec.usage()));
      if (flags.containsKey(flagName)) {
        throw new UsageException(
            "--" + flagName + " is given twice", "give it once; usage: " + spec.usage());
      }
      String value = "";
      if (flag.takesValue()) {
        value = inlineValue != null ? inlineValue : (i + 1 < words.size() ? words.get(++i) : null);
        if (value == null || value.isEmpty() || value.startsWith("--")) {
          throw new UsageException(
              "--" + flagName + " needs a value (" + flag.valueName() + ")",
              "usage: " + spec.usage());
        }
      } else if (inlineValue != null) {
        throw new UsageException("--" + flagName + " takes no value", "usage: " + spec.usage());
      }
      flags.put(flagName, value);
    }
    if (positionals.size() < spec.requiredArguments()) {
      String missing = spec.arguments().get(positionals.size());
      throw new UsageException(
          "/" + spec.name() + " is missing " + missing,
          "usage: " + spec.usage() + (spec.example().isEmpty() ? "" : ", e.g. " + spec.example()));
    }
    if (positionals.size() > spec.arguments().size()) {
      throw new UsageException(
          "unexpected '" + positionals.get(spec.arguments().size()) + "' after /" + spec.name(),
          "usage: " + spec.usage());
    }
    return new Args(positionals, flags);
  }

  private static String stripSlash(String word) {
    return word.startsWith("/") ? word.substring(1) : word;
  }
}
