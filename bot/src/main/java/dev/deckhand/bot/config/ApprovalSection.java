package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.ApprovalPolicy;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code environments.<env>.approvals: {count, from, expires, exempt}}. Absent, a protected
 * environment needs one approver (anyone but the requester) and any other needs none; present, a
 * field left out takes its default (one approver, anyone, 30m, nothing exempt).
 */
final class ApprovalSection {
  static final int MOST_APPROVERS = 10;
  static final Duration SHORTEST_EXPIRY = Duration.ofMinutes(1);
  static final Duration LONGEST_EXPIRY = Duration.ofHours(24);

  private ApprovalSection() {}

  /** The policy when {@code approvals:} is absent. */
  static ApprovalPolicy absent(boolean isProtected) {
    return isProtected ? ApprovalPolicy.ONE_OTHER_PERSON : ApprovalPolicy.NONE;
  }

  /**
   * The policy written in {@code node}. Problems are reported and the field concerned falls back to
   * its default; a catalog with problems is refused anyway.
   */
  static ApprovalPolicy parse(YamlNode node, boolean isProtected, Collection<String> roles) {
    Optional<YamlMap> found = node.map("count", "from", "expires", "exempt");
    if (found.isEmpty()) {
      return absent(isProtected);
    }
    YamlMap map = found.get();
    int count = map.get("count").flatMap(n -> n.integer(0, MOST_APPROVERS)).orElse(1);
    if (isProtected && count == 0) {
      map.get("count")
          .orElseThrow()
          .problem(
              "a protected environment needs at least one approver; remove protected or set"
                  + " approvals.count");
    }
    String from =
        map.text("from")
            .filter(r -> References.check(map.get("from").orElseThrow(), "role", r, roles))
            .orElse(null);
    Duration expires =
        map.get("expires").flatMap(ApprovalSection::expiry).orElse(ApprovalPolicy.DEFAULT_EXPIRY);
    Set<String> exempt = map.get("exempt").map(ApprovalSection::exempt).orElse(Set.of());
    return new ApprovalPolicy(count, from, expires, exempt);
  }

  private static Optional<Duration> expiry(YamlNode node) {
    Optional<Duration> value = node.duration();
    if (value.isPresent()
        && (value.get().compareTo(SHORTEST_EXPIRY) < 0
            || value.get().compareTo(LONGEST_EXPIRY) > 0)) {
      node.problem(
          "expected a duration from 1m to 24h, got " + YamlNode.quote(node.text().orElseThrow()));
      return Optional.empty();
    }
    return value;
  }

  private static Set<String> exempt(YamlNode node) {
    Set<String> actions = new LinkedHashSet<>();
    for (YamlNode item : node.list().orElse(List.of())) {
      Optional<String> action = item.isNull() ? Optional.of("") : item.text();
      if (action.isEmpty()) {
        continue;
      }
      if (action.get().isBlank()) {
        item.problem("must not be empty");
      } else if (action.get().equals("*")) {
        item.problem("'*' cannot be exempt; name the actions, e.g. [rollback]");
      } else if (!RoleSection.NAMED_ACTIONS.contains(action.get())) {
        item.problem(References.unknown("action", action.get(), RoleSection.NAMED_ACTIONS));
      } else if (!actions.add(action.get())) {
        item.problem("action '" + action.get() + "' is listed twice");
      }
    }
    return actions;
  }
}
