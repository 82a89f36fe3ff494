package dev.deckhand.commands.catalog;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook called after a deploy succeeded (a CDN purge, a notification): its method, URL and body
 * are templates filled in per deploy; header values come from the catalog, those that are secrets
 * from an {@code env:}/{@code file:} reference read when the hook is called. A hook that fails is
 * reported; it never rolls the deploy back.
 *
 * @param name how the message names it ({@code purge-cdn})
 * @param method {@code POST}, {@code PUT}, {@code GET}, {@code DELETE} or {@code PATCH}
 * @param url the URL template: {@code {service}}, {@code {env}}, {@code {tag}}, {@code {image}}
 * @param headers header name → where its value comes from (plain text or a secret reference)
 * @param body the body template, empty for none
 * @param attempts tries at most; a try that does not answer 2xx is retried after 1 s, 2 s, 4 s, …
 * @param environments where it runs; empty for every environment of the service
 */
public record Hook(
    String name,
    String method,
    String url,
    Map<String, ServiceConfig.Source<String>> headers,
    String body,
    int attempts,
    Set<String> environments) {
  public static final List<String> METHODS = List.of("POST", "PUT", "PATCH", "GET", "DELETE");
  public static final List<String> PLACEHOLDERS = List.of("service", "env", "tag", "image");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(service|env|tag|image)}");

  public Hook {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(body, "body");
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("not a hook method: " + method);
    }
    if (attempts < 1 || attempts > 10) {
      throw new IllegalArgumentException("attempts are from 1 to 10: " + attempts);
    }
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    environments = Set.copyOf(environments);
  }

  /** True when it runs after deploys to {@code environment}. */
  public boolean runsIn(String environment) {
    return environments.isEmpty() || environments.contains(environment);
  }

  /** The URL for one deploy. */
  public URI url(Map<String, String> values) {
    return URI.create(fill(url, values));
  }

  /** The body for one deploy. */
  public String body(Map<String, String> values) {
    return fill(body, values);
  }

  private static String fill(String template, Map<String, String> values) {
    return PLACEHOLDER
        .matcher(template)
        .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(values.get(m.group(1))));
  }
}
