package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.RegistrySpec;
import java.net.URI;
import java.util.Optional;

/**
 * {@code registries:} name → {@code {url, username, password}}. The password must be a secret
 * reference; username and password go together.
 */
final class RegistrySection {
  private RegistrySection() {}

  static Declared<RegistrySpec> parse(YamlNode node) {
    return Sections.named(node, "registry", RegistrySection::registry);
  }

  private static Optional<RegistrySpec> registry(String name, YamlNode node) {
    Optional<YamlMap> found = node.map("url", "username", "password");
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
    return url.map(u -> new RegistrySpec(name, u, username.orElse(null), password.orElse(null)));
  }
}
