package dev.deckhand.bot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The URLs of a chat section ({@code api-url}, {@code gateway-url}), where the bot's token travels:
 * the secure scheme ({@code https}, {@code wss}) always, the plain one ({@code http}, {@code ws})
 * only when the section says {@code insecure: true}, for a test double or a local proxy.
 */
final class ChatUrls {
  private ChatUrls() {}

  /** The section's {@code insecure} flag; empty when it is not true or false (reported). */
  static Optional<Boolean> insecure(YamlMap map) {
    Optional<YamlNode> node = map.get("insecure");
    return node.isEmpty() || node.get().isNull() ? Optional.of(false) : node.get().bool();
  }

  /**
   * The URL under {@code key}, ending with "/": present (maybe empty when absent) when valid, empty
   * when wrong (reported, saying what to write).
   *
   * @param secure the scheme always accepted
   * @param plain the scheme accepted only with {@code insecure: true}
   */
  static Optional<Optional<String>> url(
      YamlMap map, String key, String secure, String plain, boolean insecure, String example) {
    Optional<YamlNode> node = map.get(key);
    if (node.isEmpty()) {
      return Optional.of(Optional.empty());
    }
    Optional<String> text = node.get().text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String url = text.get();
    String scheme = scheme(url);
    if (secure.equals(scheme) || (insecure && plain.equals(scheme))) {
      return Optional.of(Optional.of(url.endsWith("/") ? url : url + "/"));
    }
    node.get()
        .problem(
            plain.equals(scheme)
                ? YamlNode.quote(url)
                    + " sends the bot's token in clear: use "
                    + secure
                    + "://, or add insecure: true to this section (for a test double on"
                    + " loopback only)"
                : YamlNode.quote(url) + " is not a " + secure + " URL, e.g. \"" + example + "\"");
    return Optional.empty();
  }

  /** The scheme of an absolute URL with a host, or "" when it is not one. */
  private static String scheme(String url) {
    try {
      URI uri = new URI(url);
      return uri.getScheme() != null && uri.getHost() != null ? uri.getScheme() : "";
    } catch (URISyntaxException e) {
      return "";
    }
  }

  /** Whether a configured URL goes in clear (for the warning at start). */
  static boolean plain(Optional<String> url) {
    return url.map(ChatUrls::scheme).filter(s -> s.equals("http") || s.equals("ws")).isPresent();
  }
}
