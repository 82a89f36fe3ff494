package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.RoleSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code roles:} name → members per platform ({@code console}, {@code slack}, {@code discord}),
 * people of the {@code people:} section, and grants of the form {@code action:environment}.
 */
final class RoleSection {
  /** The actions a grant may name besides {@code *}, which is every action. */
  static final List<String> NAMED_ACTIONS =
      List.of(
          "deploy",
          "migrate",
          "rollback",
          "restart",
          "scale",
          "pause",
          "resume",
          "config-update",
          "secret-update",
          "status",
          "history",
          "logs",
          "approve",
          "break-glass",
          "lock",
          "freeze",
          "audit",
          "sql",
          "sql-migrate",
          "deploy-all",
          "rollback-all",
          "apply",
          "promote",
          "build");

  /** The actions a grant may name; {@code *} is every action. */
  static final List<String> ACTIONS =
      Stream.concat(NAMED_ACTIONS.stream(), Stream.of("*")).toList();

  private static final List<String> PLATFORMS = List.of("console", "slack", "discord");

  private final Collection<String> environments;
  private final Collection<String> people;

  private RoleSection(Collection<String> environments, Collection<String> people) {
    this.environments = environments;
    this.people = people;
  }

  static Declared<RoleSpec> parse(
      YamlNode node, Collection<String> environments, Collection<String> people) {
    return Sections.named(node, null, new RoleSection(environments, people)::role);
  }

  private Optional<RoleSpec> role(String name, YamlNode node) {
    Optional<YamlMap> found = node.map("people", "console", "slack", "discord", "grants");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (String platform : PLATFORMS) {
      map.get(platform).flatMap(YamlNode::texts).ifPresent(ids -> members.put(platform, ids));
    }
    List<String> persons =
        map.get("people")
            .flatMap(YamlNode::texts)
            .map(
                names ->
                    names.stream()
                        .filter(p -> References.check(map.get("people").get(), "person", p, people))
                        .toList())
            .orElse(List.of());
    List<String> grants = new ArrayList<>();
    map.get("grants")
        .flatMap(YamlNode::list)
        .ifPresent(items -> items.forEach(i -> grant(i, grants)));
    return Optional.of(new RoleSpec(name, members, persons, grants));
  }

  private void grant(YamlNode item, List<String> grants) {
    Optional<String> text = item.text();
    if (text.isEmpty()) {
      if (item.isNull()) {
        item.problem("must not be empty");
      }
      return;
    }
    String grant = text.get();
    int colon = grant.indexOf(':');
    if (colon < 0) {
      item.problem(
          "grant "
              + YamlNode.quote(grant)
              + " must be action:environment, e.g. deploy:staging or status:*");
      return;
    }
    String action = grant.substring(0, colon);
    String environment = grant.substring(colon + 1);
    boolean ok = true;
    if (!ACTIONS.contains(action)) {
      item.problem(
          "unknown action '"
              + action
              + "' in grant "
              + YamlNode.quote(grant)
              + "; actions are: "
              + String.join(", ", ACTIONS));
      ok = false;
    }
    if (!environment.equals("*") && !environments.contains(environment)) {
      item.problem(
          References.unknown("environment", environment, environments)
              + ", or * for all (in grant "
              + YamlNode.quote(grant)
              + ")");
      ok = false;
    }
    if (ok) {
      grants.add(grant);
    }
  }
}
