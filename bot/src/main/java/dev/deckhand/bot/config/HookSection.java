package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.Hook;
import dev.deckhand.commands.catalog.ServiceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code hooks:}: webhooks called after a deploy succeeded, each {@code {name, method,
 * url, headers, body, attempts, environments}}. Header values are plain text, or {@code env:}/
 * {@code file:} references read when the hook is called (never at load, never shown).
 */
final class HookSection {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private HookSection() {}

  /** The hooks, empty when absent; empty and reported when any is wrong. */
  static List<Hook> parse(Optional<YamlNode> node, Set<String> environments) {
    if (node.isEmpty()) {
      return List.of();
    }
    List<Hook> hooks = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (YamlNode item : node.get().list().orElse(List.of())) {
      hook(item, environments)
          .ifPresent(
              h -> {
                if (!names.add(h.name())) {
                  item.problem("hook '" + h.name() + "' is listed twice; give each its own name");
                } else {
                  hooks.add(h);
                }
              });
    }
    return hooks;
  }

  private static Optional<Hook> hook(YamlNode item, Set<String> environments) {
    Optional<YamlMap> found =
        item.map("name", "method", "url", "headers", "body", "attempts", "environments");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> name =
        map.requiredText("name").filter(n -> map.accept("name", Names.labelProblem(n)));
    String method = map.text("method").orElse("POST");
    boolean ok = true;
    if (!Hook.METHODS.contains(method)) {
      map.get("method")
          .orElseThrow()
          .problem(
              YamlNode.quote(method)
                  + " is not a method; use one of "
                  + String.join(", ", Hook.METHODS));
      ok = false;
    }
    Optional<YamlNode> urlNode =
        map.required("url", "; the URL to call, e.g. https://api.cdn.example/purge");
    Optional<String> url =
        urlNode.flatMap(YamlNode::text).filter(u -> template(urlNode.get(), u, true));
    String body = map.text("body").orElse("");
    ok &= map.get("body").map(b -> template(b, body, false)).orElse(true);
    int attempts = map.get("attempts").flatMap(n -> n.integer(1, 10)).orElse(3);
    Map<String, ServiceConfig.Source<String>> headers = new LinkedHashMap<>();
    ok &= map.get("headers").flatMap(YamlNode::namedMap).map(h -> headers(h, headers)).orElse(true);
    Set<String> only = new LinkedHashSet<>();
    for (YamlNode env : map.get("environments").flatMap(YamlNode::list).orElse(List.of())) {
      env.text()
          .filter(e -> References.check(env, "environment", e, environments))
          .ifPresent(only::add);
    }
    if (!ok || name.isEmpty() || url.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Hook(name.get(), method, url.get(), headers, body, attempts, only));
  }

  private static boolean template(YamlNode node, String text, boolean isUrl) {
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!Hook.PLACEHOLDERS.contains(m.group(1))) {
        node.problem(
            "unknown placeholder "
                + m.group()
                + "; use {"
                + String.join("}, {", Hook.PLACEHOLDERS)
                + "}");
        return false;
      }
    }
    if (isUrl && References.parseHttpUrl(m.replaceAll("x")).isEmpty()) {
      node.problem(References.notHttpUrl(text));
      return false;
    }
    return true;
  }

  private static boolean headers(YamlMap map, Map<String, ServiceConfig.Source<String>> out) {
    boolean ok = true;
    for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
      String header = entry.getKey();
      YamlNode node = entry.getValue();
      if (!HEADER.matcher(header).matches()) {
        node.problem("'" + header + "' is not a header name; use letters, digits and '-'");
        ok = false;
        continue;
      }
      Optional<String> text = node.text();
      if (text.isEmpty()) {
        node.problem("give the header's value, or env:NAME / file:/path for a secret");
        ok = false;
        continue;
      }
      Optional<SecretReference> reference;
      try {
        reference = SecretReference.parse(text.get());
      } catch (IllegalArgumentException e) {
        node.problem(e.getMessage());
        ok = false;
        continue;
      }
      if (reference.isPresent()) {
        out.put(
            header,
            new ConfigSources.Reference(
                Secrets.absolute(reference.get(), node.context().baseDir()),
                node.context().secrets()));
      } else if (looksSecret(header, text.get())) {
        // never quote it: it may be the secret itself
        node.problem(
            "this looks like a secret written inline; write env:NAME or file:/path instead");
        ok = false;
      } else {
        String value = text.get();
        out.put(header, new Literal(value));
      }
    }
    return ok;
  }

  /** A header value written in the catalog. */
  private record Literal(String value) implements ServiceConfig.Source<String> {
    @Override
    public String describe() {
      return value;
    }

    @Override
    public String read() {
      return value;
    }
  }

  /** Headers that carry credentials must not be written inline. */
  private static boolean looksSecret(String header, String value) {
    return CREDENTIAL_HEADERS.contains(header.toLowerCase(java.util.Locale.ROOT))
        || dev.deckhand.commands.chat.Redactor.looksSecret(header, value);
  }

  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "proxy-authorization", "x-api-key", "api-key", "x-auth-token");
}
