package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.catalog.UrlTemplate;
import dev.deckhand.commands.model.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code verify:} a list of HTTP health checks whose URLs may hold the placeholders of {@link
 * UrlTemplate}, expanded for each target (and again for the idle colour of a blue-green deploy).
 */
final class VerifySection {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  /** A check as written, before its URL is expanded for a target. */
  record Template(
      YamlNode http,
      String url,
      int expectStatus,
      Duration timeout,
      int attempts,
      Map<String, String> expectJson,
      int consecutive,
      Duration maxLatency) {

    /**
     * The check for one target, {@code service} being the value of {@code {service}}; reports when
     * the expanded URL is not usable.
     */
    Optional<HealthCheck> forTarget(String environment, Target target, String service) {
      String expanded = UrlTemplate.expand(url, UrlTemplate.values(environment, target, service));
      return References.httpUrl(http, expanded)
          .map(
              u ->
                  new HealthCheck(
                      u,
                      expectStatus,
                      timeout,
                      attempts,
                      expectJson,
                      consecutive,
                      maxLatency,
                      url));
    }
  }

  private VerifySection() {}

  /** The checks of a {@code verify:} list, or empty when any of them is wrong. */
  static Optional<List<Template>> parse(YamlNode node) {
    Optional<List<YamlNode>> items = node.list();
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<Template> checks = new ArrayList<>();
    boolean ok = true;
    for (YamlNode item : items.get()) {
      Optional<Template> check = check(item);
      check.ifPresent(checks::add);
      ok &= check.isPresent();
    }
    return ok ? Optional.of(checks) : Optional.empty();
  }

  private static Optional<Template> check(YamlNode item) {
    Optional<YamlMap> found =
        item.map(
            "http",
            "expect-status",
            "timeout",
            "attempts",
            "expect-json",
            "consecutive",
            "max-latency");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<YamlNode> http = map.required("http", "; the URL to GET, e.g. https://host/health");
    Optional<String> url = http.flatMap(YamlNode::text).filter(u -> validTemplate(http.get(), u));
    int status = map.get("expect-status").flatMap(n -> n.integer(100, 599)).orElse(200);
    Duration timeout = map.get("timeout").flatMap(YamlNode::duration).orElse(Duration.ofSeconds(5));
    int consecutive = map.get("consecutive").flatMap(n -> n.integer(1, 20)).orElse(1);
    Optional<Integer> attemptsGiven = map.get("attempts").flatMap(n -> n.integer(1, 20));
    int attempts = attemptsGiven.orElse(Math.max(3, consecutive));
    boolean ok = true;
    if (attemptsGiven.isPresent() && attempts < consecutive) {
      map.get("attempts")
          .orElseThrow()
          .problem(
              "attempts ("
                  + attempts
                  + ") must be at least consecutive ("
                  + consecutive
                  + "); write e.g. attempts: "
                  + Math.max(consecutive, 3));
      ok = false;
    }
    Optional<YamlNode> latencyNode = map.get("max-latency");
    Duration maxLatency = latencyNode.flatMap(YamlNode::duration).orElse(null);
    if (maxLatency != null
        && (maxLatency.compareTo(Duration.ofMillis(1)) < 0
            || maxLatency.compareTo(Duration.ofMinutes(1)) > 0)) {
      latencyNode
          .get()
          .problem(
              "expected a duration from 1ms to 1m, got "
                  + YamlNode.quote(latencyNode.get().text().orElseThrow()));
      ok = false;
    }
    Map<String, String> json = new LinkedHashMap<>();
    map.get("expect-json").flatMap(YamlNode::namedMap).ifPresent(m -> expectJson(m, json));
    if (!ok) {
      return Optional.empty();
    }
    return url.map(
        u -> new Template(http.get(), u, status, timeout, attempts, json, consecutive, maxLatency));
  }

  private static boolean validTemplate(YamlNode http, String url) {
    boolean ok = true;
    for (String unknown : UrlTemplate.unknown(url)) {
      http.problem(
          "unknown placeholder "
              + unknown
              + "; use {"
              + String.join("}, {", UrlTemplate.PLACEHOLDERS)
              + "}");
      ok = false;
    }
    Matcher m = PLACEHOLDER.matcher(url);
    // placeholders expand to DNS names, so a sample value shows whether the URL can work
    if (ok && References.parseHttpUrl(m.replaceAll("x")).isEmpty()) {
      http.problem(References.notHttpUrl(url));
      ok = false;
    }
    return ok;
  }

  private static void expectJson(YamlMap map, Map<String, String> json) {
    for (Map.Entry<String, YamlNode> field : map.entries().entrySet()) {
      if (field.getValue().isNull()) {
        field.getValue().problem("give the expected value, or \"*\" for any value");
      }
      field.getValue().text().ifPresent(value -> json.put(field.getKey(), value));
    }
  }
}
