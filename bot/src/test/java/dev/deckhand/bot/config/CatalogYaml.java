package dev.deckhand.bot.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-data builder: a small valid catalog whose top-level sections can be replaced or removed.
 * Each section's text is what follows {@code key:} in the file.
 */
final class CatalogYaml {
  private final Map<String, String> sections = new LinkedHashMap<>();

  static CatalogYaml valid() {
    return new CatalogYaml()
        .with("registries", "\n  default: {url: \"https://registry.example.com\"}")
        .with("clusters", "\n  staging: {context: staging}\n  prod: {context: prod}")
        .with(
            "environments",
            "\n  staging: {cluster: staging}\n  prod: {cluster: prod, protected: true}")
        .with(
            "services",
            """

              gateway:
                aliases: [coachpilot-gateway]
                image: acme/gateway
                tag-pattern: 'v\\d+'
                targets:
                  staging: {namespace: web, deployment: gateway-deploy, container: gateway}
                  prod: {namespace: web, deployment: gateway-deploy, container: gateway}
              dashboard:
                image: acme/dashboard
                targets:
                  staging: {namespace: web, deployment: dashboard}
            """
                .stripTrailing());
  }

  /**
   * A {@code roles:} section for catalogs that configure Slack or Discord, which are refused
   * without roles; added after {@code chat:} it leaves the line numbers of the sections before
   * alone.
   */
  static final String CHAT_ROLES =
      "\n  ops: {slack: [U024BE7LH], discord: [\"112233445566778899\"], grants: [\"status:*\"]}";

  /** Sets (or replaces, keeping its place) a top-level section. */
  CatalogYaml with(String key, String text) {
    sections.put(key, text);
    return this;
  }

  CatalogYaml without(String key) {
    sections.remove(key);
    return this;
  }

  String text() {
    StringBuilder yaml = new StringBuilder();
    sections.forEach((key, text) -> yaml.append(key).append(':').append(text).append('\n'));
    return yaml.toString();
  }
}
