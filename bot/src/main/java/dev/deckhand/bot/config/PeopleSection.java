package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.People;
import dev.deckhand.commands.catalog.Person;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code people:} name → the person's id on each platform ({@code slack: U…}, {@code discord:
 * 123…}, {@code console: bob}). An id may belong to one person only; each id must have its
 * platform's shape.
 */
final class PeopleSection {
  private static final Map<String, Pattern> SHAPES =
      Map.of(
          "slack", Pattern.compile("[UW][A-Z0-9]{2,20}"),
          "discord", Pattern.compile("[0-9]{1,20}"),
          "console", Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"));
  private static final Map<String, String> EXAMPLES =
      Map.of(
          "slack",
          "a Slack user id such as U024BE7LH (a group id S… belongs in a role's slack: list)",
          "discord",
          "a Discord user id, digits only, such as 112233445566778899",
          "console",
          "a console user name: letters, digits, '.', '_' and '-'");
  private static final List<String> PLATFORMS = List.of("slack", "discord", "console");

  private final Map<String, String> owners = new HashMap<>();

  private PeopleSection() {}

  static Declared<Person> parse(YamlNode node) {
    return Sections.named(node, null, new PeopleSection()::person);
  }

  /** The valid people, as the catalog holds them. */
  static People people(Declared<Person> declared) {
    return new People(List.copyOf(declared.valid().values()));
  }

  private Optional<Person> person(String name, YamlNode node) {
    Optional<YamlMap> found = node.map(PLATFORMS.toArray(String[]::new));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    if (map.isEmpty()) {
      node.problem(
          "give at least one id, e.g. {slack: U024BE7LH, discord: \"112233445566778899\"}");
      return Optional.empty();
    }
    Map<String, String> ids = new LinkedHashMap<>();
    boolean ok = true;
    for (String platform : PLATFORMS) {
      Optional<YamlNode> field = map.get(platform);
      Optional<String> id = field.flatMap(YamlNode::text).map(String::strip);
      if (field.isEmpty()) {
        continue;
      }
      if (id.isEmpty() || !SHAPES.get(platform).matcher(id.get()).matches()) {
        field
            .get()
            .problem(
                (id.isEmpty() ? "empty; write " : YamlNode.quote(id.get()) + " is not ")
                    + EXAMPLES.get(platform));
        ok = false;
        continue;
      }
      String owner = owners.putIfAbsent(platform + ":" + id.get(), name);
      if (owner != null) {
        field.get().problem(platform + " id " + id.get() + " is already " + owner + "'s");
        ok = false;
        continue;
      }
      ids.put(platform, id.get());
    }
    return ok ? Optional.of(new Person(name, ids)) : Optional.empty();
  }
}
