package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.RegistrySpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code registries:} name → {@code {url, username, password, insecure, token-realms}}. The
 * password must be a secret reference; username and password go together. Credentials never travel
 * over plain {@code http://} unless the registry says {@code insecure: true}; {@code token-realms}
 * lists the token services on other hosts that may receive them ({@code https} unless insecure).
 */
final class RegistrySection {
  private RegistrySection() {}

  static Declared<RegistrySpec> parse(YamlNode node) {
    return Sections.named(node, "registry", RegistrySection::registry);
  }

  private static Optional<RegistrySpec> registry(String name, YamlNode node) {
    Optional<YamlMap> found = node.map("url", "username", "password", "insecure", "token-realms");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<URI> url =
        map.requiredText("url").flatMap(u -> References.httpUrl(map.get("url").orElseThrow(), u));
    Optional<String> username = map.get("username").flatMap(Secrets::textOrSecret);
    Optional<String> password = map.get("password").flatMap(Secrets::secret);
    if (map.get("username").isPresent() != map.get("password").isPresent()) {
      node.problem("give both username and password, or neither for anonymous access");
      return Optional.empty();
    }
    boolean insecure = map.bool("insecure", false);
    boolean credentials = map.get("username").isPresent();
    if (credentials && !insecure && url.filter(RegistrySection::plain).isPresent()) {
      map.get("url")
          .orElseThrow()
          .problem(
              "the credentials would travel in clear over http: use https://, or set insecure:"
                  + " true for this registry (it is then named in a warning at every start)");
    }
    List<URI> realms = map.get("token-realms").map(n -> realms(n, insecure)).orElse(List.of());
    return url.map(
        u ->
            new RegistrySpec(
                name, u, username.orElse(null), password.orElse(null), insecure, realms));
  }

  private static List<URI> realms(YamlNode node, boolean insecure) {
    List<URI> realms = new ArrayList<>();
    for (YamlNode item : node.list().orElse(List.of())) {
      item.text()
          .flatMap(t -> References.httpUrl(item, t))
          .ifPresent(
              realm -> {
                if (plain(realm) && !insecure) {
                  item.problem(
                      "a token realm over http would receive the credentials in clear: use"
                          + " https://, or set insecure: true for this registry");
                } else {
                  realms.add(realm);
                }
              });
    }
    return realms;
  }

  private static boolean plain(URI url) {
    return url.getScheme().toLowerCase(Locale.ROOT).equals("http");
  }
}
