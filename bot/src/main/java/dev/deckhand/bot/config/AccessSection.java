package dev.deckhand.bot.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Closed by default: {@code open:} and whether the catalog may have no roles. With Slack or Discord
 * configured, a catalog without roles is refused unless it says {@code open: true}, which is meant
 * for a single operator and is accepted with a warning. The console alone may go without roles.
 */
final class AccessSection {
  private AccessSection() {}

  /**
   * Reads {@code open:} and reports a chat platform configured without roles.
   *
   * @param root the document's top-level map
   * @param hasRoles whether the file declares at least one role
   * @return whether the catalog is open
   */
  static boolean open(YamlMap root, boolean hasRoles) {
    boolean open = root.bool("open", false);
    Optional<YamlNode> platform = chatPlatform(root);
    if (platform.isPresent() && !hasRoles && !open) {
      platform
          .get()
          .problem(
              "a chat platform is configured but the catalog has no roles, and Deckhand is"
                  + " closed to chat users until roles say who may do what; add a roles: section, e.g. roles: {release-managers: {slack:"
                  + " [U024BE7LH], grants: [\"deploy:*\", \"approve:prod\"]}}, or, for a single"
                  + " operator, open: true");
    }
    return open;
  }

  /** The warnings of a valid catalog: {@code open: true} is said loudly. */
  static List<Problem> warnings(YamlMap root, Path source) {
    Optional<YamlNode> open = root.get("open");
    if (open.isEmpty() || !root.bool("open", false)) {
      return List.of();
    }
    return List.of(
        new Problem(
            source,
            open.get().line(),
            "open",
            "the catalog is open: anyone who can reach the bot may do what no role reserves"
                + " (break-glass and approving in protected environments still need a grant);"
                + " meant for a single operator, add roles: for a team"));
  }

  /** The {@code chat.slack} field, else the {@code chat.discord} one. */
  private static Optional<YamlNode> chatPlatform(YamlMap root) {
    return root.get("chat")
        .filter(c -> !c.isNull())
        .flatMap(c -> c.map(ChatKeys.ALL))
        .flatMap(m -> m.get("slack").or(() -> m.get("discord")));
  }
}
