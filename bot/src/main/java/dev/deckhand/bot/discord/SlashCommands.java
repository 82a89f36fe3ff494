package dev.deckhand.bot.discord;

import dev.deckhand.bot.render.RenderedText;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.Flag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * The command registry as Discord slash commands, and back: one slash command per {@link
 * CommandSpec}, a string option per positional argument (required for {@code <arg>}, optional for
 * {@code [arg]}; an integer option for a count such as {@code replicas}), a string option per flag
 * with a value, a boolean option per flag without, the environments as choices of {@code env}, and
 * autocomplete on services and tags. An invocation's options become the very text the parser reads,
 * so no command is defined twice. Pure.
 */
final class SlashCommands {
  /** Discord allows at most 25 choices on an option. */
  static final int MAX_CHOICES = 25;

  static final Set<String> SERVICE_OPTIONS = Set.of("service");
  static final Set<String> TAG_OPTIONS = Set.of("tag-or-prefix", "tag");
  static final String ENV = "env";

  private static final Map<String, String> ARGUMENTS =
      Map.of(
          "service", "a service of the catalog, by name or alias",
          "tag-or-prefix", "an image tag, or the start of exactly one tag",
          "op", "the operation id, as shown in its message",
          "env", "an environment",
          "reason", "why, in a few words",
          "duration", "how long: 30m, 2h, 1d",
          "command", "a command to explain",
          "replicas", "how many replicas");

  /**
   * Positional arguments that are whole numbers from 0 up: an integer option, which Discord
   * validates as it is typed, whose value still comes back as the digits the parser reads.
   */
  static final Set<String> COUNT_OPTIONS = Set.of("replicas");

  private SlashCommands() {}

  static List<SlashCommandData> commands(List<CommandSpec> specs, List<String> environments) {
    return specs.stream().map(s -> command(s, environments)).toList();
  }

  static SlashCommandData command(CommandSpec spec, List<String> environments) {
    SlashCommandData data = Commands.slash(spec.name(), RenderedText.cut(spec.summary(), 100));
    List<OptionData> options = new ArrayList<>();
    for (String argument : spec.arguments()) {
      String name = optionName(argument);
      boolean count = COUNT_OPTIONS.contains(name);
      OptionData option =
          new OptionData(
              count ? OptionType.INTEGER : OptionType.STRING,
              name,
              ARGUMENTS.getOrDefault(name, name),
              argument.startsWith("<"),
              SERVICE_OPTIONS.contains(name) || TAG_OPTIONS.contains(name));
      if (count) {
        option.setMinValue(0);
      }
      if (name.equals(ENV)) {
        choices(option, environments);
      }
      options.add(option);
    }
    for (Flag flag : spec.flags()) {
      String description = RenderedText.cut(flag.description(), 100);
      if (!flag.takesValue()) {
        options.add(new OptionData(OptionType.BOOLEAN, flag.name(), description, false));
        continue;
      }
      boolean manyEnvs = flag.name().equals(ENV) && environments.size() > MAX_CHOICES;
      OptionData option =
          new OptionData(OptionType.STRING, flag.name(), description, false, manyEnvs);
      if (flag.name().equals(ENV) && !manyEnvs) {
        choices(option, environments);
      }
      options.add(option);
    }
    return data.addOptions(options);
  }

  private static void choices(OptionData option, List<String> environments) {
    if (environments.size() <= MAX_CHOICES) {
      environments.forEach(e -> option.addChoice(e, e));
    }
  }

  /** {@code <tag-or-prefix>} → {@code tag-or-prefix}. */
  static String optionName(String argument) {
    return argument.replaceAll("[<>\\[\\]]", "");
  }

  /**
   * The command text for the options given: positionals in order, then flags; a value with spaces
   * or quotes is double-quoted, a false boolean left out.
   *
   * @param values option name → value as typed ({@code "true"}/{@code "false"} for booleans)
   */
  static String text(CommandSpec spec, Map<String, String> values) {
    StringBuilder text = new StringBuilder("/").append(spec.name());
    for (String argument : spec.arguments()) {
      String value = values.get(optionName(argument));
      if (value != null) {
        text.append(' ').append(quote(value));
      }
    }
    for (Flag flag : spec.flags()) {
      String value = values.get(flag.name());
      if (value == null) {
        continue;
      }
      if (!flag.takesValue()) {
        if (value.equals("true")) {
          text.append(" --").append(flag.name());
        }
      } else {
        text.append(" --").append(flag.name()).append(' ').append(quote(value));
      }
    }
    return text.toString();
  }

  /** Quoted for the tokenizer when it must be: empty, spaces, quotes, a leading "--". */
  static String quote(String value) {
    boolean plain =
        !value.isEmpty()
            && !value.startsWith("--")
            && value.chars().noneMatch(c -> Character.isWhitespace(c) || "\"'“‘\\".indexOf(c) >= 0);
    if (plain) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
