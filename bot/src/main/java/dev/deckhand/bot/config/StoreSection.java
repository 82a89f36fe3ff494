package dev.deckhand.bot.config;

import java.util.Optional;

/** {@code store: {url, user, password}}; the password must be a secret reference. */
final class StoreSection {
  private StoreSection() {}

  static Optional<StoreSettings> parse(YamlNode node) {
    Optional<YamlMap> found = node.map("url", "user", "password");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> url =
        map.required("url", "; e.g. env:DECKHAND_DB_URL, or remove store: for embedded PostgreSQL")
            .flatMap(Secrets::textOrSecret);
    Optional<String> user = map.get("user").flatMap(Secrets::textOrSecret);
    Optional<String> password = map.get("password").flatMap(Secrets::secret);
    if (url.isPresent() && !url.get().startsWith("jdbc:postgresql:")) {
      // never quote the URL: it may carry a password
      map.get("url")
          .orElseThrow()
          .problem("expected a PostgreSQL JDBC URL like jdbc:postgresql://db:5432/deckhand");
      return Optional.empty();
    }
    return url.map(u -> new StoreSettings(u, user.orElse(null), password.orElse(null)));
  }
}
