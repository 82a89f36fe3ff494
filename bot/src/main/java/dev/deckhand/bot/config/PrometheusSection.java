package dev.deckhand.bot.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code prometheus: {url, timeout, token}}: where canary gates send their PromQL instant queries.
 * The URL is the server's base (without {@code /api/v1}); {@code {cluster}}, its only placeholder,
 * becomes the catalog's cluster name, for a server per cluster. The token must be a secret
 * reference.
 */
final class PrometheusSection {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final String CLUSTER = "cluster";

  private PrometheusSection() {}

  static Optional<PrometheusSettings> parse(YamlNode node) {
    Optional<YamlMap> found = node.map("url", "timeout", "token");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> url =
        map.required("url", "; e.g. url: http://prometheus.monitoring:9090")
            .flatMap(n -> n.text().filter(u -> validUrl(n, u)));
    Duration timeout =
        map.get("timeout").flatMap(YamlNode::duration).orElse(PrometheusSettings.DEFAULT_TIMEOUT);
    Optional<YamlNode> tokenNode = map.get("token");
    Optional<String> token = tokenNode.flatMap(Secrets::secret);
    if (tokenNode.isPresent() && token.isEmpty()) {
      return Optional.empty();
    }
    return url.map(u -> new PrometheusSettings(stripSlash(u), timeout, token));
  }

  private static boolean validUrl(YamlNode node, String url) {
    Matcher m = PLACEHOLDER.matcher(url);
    while (m.find()) {
      if (!CLUSTER.equals(m.group(1))) {
        node.problem(
            "unknown placeholder "
                + m.group()
                + "; the only one is {cluster}, e.g. http://prometheus.{cluster}.internal:9090");
        return false;
      }
    }
    // {cluster} expands to a DNS name, so a sample value shows whether the URL can work
    Optional<java.net.URI> uri = References.parseHttpUrl(m.replaceAll("x"));
    if (uri.isEmpty()) {
      node.problem(References.notHttpUrl(url));
      return false;
    }
    if (uri.get().getRawUserInfo() != null) {
      // never quote the URL: its user info may carry a password
      node.problem("put no credentials in the URL; give token: env:NAME or file:/path instead");
      return false;
    }
    String path = uri.get().getRawPath() == null ? "" : uri.get().getRawPath();
    if (path.matches(".*/api/v1(/.*)?")) {
      node.problem(
          "give the server's base URL, without /api/v1; Deckhand adds /api/v1/query itself");
      return false;
    }
    if (uri.get().getRawQuery() != null || uri.get().getRawFragment() != null) {
      node.problem(
          "give the server's base URL without a query, e.g. http://prometheus.monitoring:9090");
      return false;
    }
    return true;
  }

  private static String stripSlash(String url) {
    String out = url;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
