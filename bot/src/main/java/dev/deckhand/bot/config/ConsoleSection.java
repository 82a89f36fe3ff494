package dev.deckhand.bot.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code chat: {console: {users, default-user, channel}}}; absent means {@link
 * ConsoleSettings#DEFAULT}.
 */
final class ConsoleSection {
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private ConsoleSection() {}

  static ConsoleSettings parse(YamlNode chat) {
    return chat.map(ChatKeys.ALL)
        .flatMap(m -> m.get("console"))
        .flatMap(ConsoleSection::console)
        .orElse(ConsoleSettings.DEFAULT);
  }

  private static Optional<ConsoleSettings> console(YamlNode node) {
    Optional<YamlMap> found = node.map("users", "default-user", "channel");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> channel = channel(map);
    Optional<List<String>> listed =
        map.get("users").isPresent()
            ? map.get("users").get().texts()
            : Optional.of(ConsoleSettings.DEFAULT.users());
    if (listed.isEmpty()) {
      return Optional.empty();
    }
    List<String> users = listed.get();
    Set<String> seen = new HashSet<>();
    for (String user : users) {
      if (!USER.matcher(user).matches()) {
        map.get("users")
            .orElseThrow()
            .problem(
                YamlNode.quote(user)
                    + " is not a console user name: letters, digits, '.', '_' and '-'");
      } else if (!seen.add(user)) {
        map.get("users").orElseThrow().problem("user '" + user + "' is listed twice");
      }
    }
    if (users.isEmpty()) {
      map.get("users").orElseThrow().problem("at least one user is required");
      return Optional.empty();
    }
    Optional<String> defaultUser = map.text("default-user");
    if (defaultUser.isPresent() && !users.contains(defaultUser.get())) {
      map.get("default-user")
          .orElseThrow()
          .problem(References.unknown("user", defaultUser.get(), users));
      return Optional.empty();
    }
    return channel.map(c -> new ConsoleSettings(users, defaultUser.orElse(users.get(0)), c));
  }

  /** The channel written, the default when absent, or empty when it is wrong (reported). */
  private static Optional<String> channel(YamlMap map) {
    Optional<YamlNode> node = map.get("channel");
    if (node.isEmpty()) {
      return Optional.of(ConsoleSettings.DEFAULT_CHANNEL);
    }
    if (node.get().isNull()) {
      // `channel: #deploys` without quotes is an empty value followed by a comment
      node.get().problem("empty; write the channel in quotes, e.g. \"#deploys\"");
      return Optional.empty();
    }
    return node.get().text().filter(c -> map.accept("channel", channelProblem(c)));
  }

  private static Optional<String> channelProblem(String channel) {
    if (channel.startsWith("#")
        && channel.length() >= 2
        && channel.length() <= 80
        && channel.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
      return Optional.empty();
    }
    return Optional.of(
        YamlNode.quote(channel)
            + " is not a channel name: # and 1 to 79 more characters, no spaces, e.g. #deploys");
  }
}
