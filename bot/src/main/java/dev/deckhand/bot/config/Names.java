package dev.deckhand.bot.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** The naming rules of the catalog (Kubernetes DNS-1123, OCI tags and image names). Pure. */
final class Names {
  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);
  private static final Pattern SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final Pattern IMAGE_PATH =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern REGISTRY_HOST =
      Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)(\\.[A-Za-z0-9-]+)*(:\\d+)?");

  private Names() {}

  /** A DNS-1123 label: service, alias, environment, cluster, namespace, container names. */
  static Optional<String> labelProblem(String value) {
    if (value.length() <= 63 && LABEL_PATTERN.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        YamlNode.quote(value)
            + " is not a valid name: use lowercase letters, digits and '-', starting and ending"
            + " with a letter or digit, at most 63 characters (a DNS-1123 label)");
  }

  /** A DNS-1123 subdomain: deployment names. */
  static Optional<String> subdomainProblem(String value) {
    if (value.length() <= 253 && SUBDOMAIN.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        YamlNode.quote(value)
            + " is not a valid name: use lowercase letters, digits, '-' and '.', each part"
            + " starting and ending with a letter or digit (a DNS-1123 subdomain)");
  }

  /** The OCI tag grammar. */
  static boolean isTag(String value) {
    return TAG.matcher(value).matches();
  }

  /** An image name without tag or digest, optionally with a registry host in front. */
  static Optional<String> imageProblem(String value) {
    int slash = value.lastIndexOf('/');
    if (value.indexOf('@') >= 0) {
      return Optional.of("give the image without a digest; Deckhand records digests itself");
    }
    if (value.indexOf(':', slash + 1) >= 0) {
      return Optional.of(
          "give the image without a tag ("
              + YamlNode.quote(value.substring(0, value.indexOf(':', slash + 1)))
              + "); the tag is chosen by /deploy");
    }
    int first = value.indexOf('/');
    String host = first > 0 ? value.substring(0, first) : "";
    boolean hasHost = host.contains(".") || host.contains(":") || host.equals("localhost");
    String path = hasHost ? value.substring(first + 1) : value;
    if ((hasHost && !REGISTRY_HOST.matcher(host).matches())
        || !IMAGE_PATH.matcher(path).matches()) {
      return Optional.of(
          YamlNode.quote(value)
              + " is not a valid image name: lowercase path parts separated by '/',"
              + " e.g. synergygroup/coachpilot-gateway or registry.example.com/team/app");
    }
    return Optional.empty();
  }
}
