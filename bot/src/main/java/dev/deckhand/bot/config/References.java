package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.Suggestions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Messages for names and URLs that point nowhere. Pure. */
final class References {
  private References() {}

  /**
   * "unknown environment 'prd' (did you mean 'prod'?); environments are: staging, prod".
   *
   * @param kind singular noun, e.g. "environment"
   */
  static String unknown(String kind, String value, Collection<String> known) {
    if (known.isEmpty()) {
      return "unknown " + kind + " '" + value + "'; no " + plural(kind) + " are defined";
    }
    List<String> close = Suggestions.closest(value, List.copyOf(known), 1);
    String hint = close.isEmpty() ? "" : " (did you mean '" + close.get(0) + "'?)";
    return "unknown "
        + kind
        + " '"
        + value
        + "'"
        + hint
        + "; "
        + plural(kind)
        + " are: "
        + String.join(", ", known);
  }

  private static String plural(String kind) {
    if (kind.equals("person")) {
      return "people";
    }
    return kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s";
  }

  /** Reports and answers false unless {@code value} is one of {@code known}. */
  static boolean check(YamlNode node, String kind, String value, Collection<String> known) {
    if (known.contains(value)) {
      return true;
    }
    node.problem(unknown(kind, value, known));
    return false;
  }

  /** The URL if it is absolute http(s) with a host; otherwise reports and answers empty. */
  static Optional<URI> httpUrl(YamlNode node, String text) {
    Optional<URI> uri = parseHttpUrl(text);
    if (uri.isEmpty()) {
      node.problem(notHttpUrl(text));
    }
    return uri;
  }

  static String notHttpUrl(String text) {
    return YamlNode.quote(text) + " is not an absolute http(s) URL like https://host/path";
  }

  /** The URL if it is absolute http(s) with a host. */
  static Optional<URI> parseHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // not a URL at all: same answer as a relative one
    }
    return Optional.empty();
  }
}
