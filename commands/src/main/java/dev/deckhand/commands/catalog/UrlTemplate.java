package dev.deckhand.commands.catalog;

import dev.deckhand.commands.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A health check's URL as written in the catalog, with placeholders expanded for one target: {@code
 * {env}}, {@code {cluster}}, {@code {namespace}}, {@code {deployment}} (the deployment whose pods
 * are checked: for a blue-green deploy, the idle colour's {@code <deployment>-<colour>}) and {@code
 * {service}} (the Kubernetes Service that carries the service's traffic: its {@code blue-green:}
 * Service, else the deployment's name). Every value is a DNS name or label.
 */
public final class UrlTemplate {
  /** The placeholders a URL may use, without braces. */
  public static final List<String> PLACEHOLDERS =
      List.of("env", "cluster", "namespace", "deployment", "service");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  private UrlTemplate() {}

  /** The values of every placeholder for a target. */
  public static Map<String, String> values(String environment, Target target, String service) {
    return Map.of(
        "env", environment,
        "cluster", target.cluster(),
        "namespace", target.namespace(),
        "deployment", target.deployment(),
        "service", service);
  }

  /** The placeholders of {@code template} that are not in {@link #PLACEHOLDERS}, with braces. */
  public static List<String> unknown(String template) {
    List<String> unknown = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        unknown.add(m.group());
      }
    }
    return unknown;
  }

  /** True when {@code template} uses {@code {name}}. */
  public static boolean names(String template, String name) {
    return template.contains("{" + name + "}");
  }

  /**
   * {@code template} with each placeholder replaced by its value.
   *
   * @throws IllegalArgumentException for a placeholder {@code values} does not hold
   */
  public static String expand(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder expanded = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("unknown placeholder " + m.group() + " in " + template);
      }
      m.appendReplacement(expanded, Matcher.quoteReplacement(value));
    }
    m.appendTail(expanded);
    return expanded.toString();
  }
}
