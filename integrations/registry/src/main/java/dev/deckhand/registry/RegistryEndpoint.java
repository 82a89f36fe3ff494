package dev.deckhand.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured registry.
 *
 * @param name how users and messages call it; an endpoint named {@code default} (else the first
 *     configured) serves image names without a registry host
 * @param baseUrl {@code http(s)://host[:port][/prefix]}, without user info, query or fragment; the
 *     API lives under {@code <baseUrl>/v2/}
 * @param credentials basic credentials for the registry and its token service, or empty for
 *     anonymous access
 * @param dockerHubStyle whether a single-segment name ({@code nginx}) means {@code library/nginx},
 *     the convention of the public hub; off for every other registry
 */
public record RegistryEndpoint(
    String name, URI baseUrl, Optional<Credentials> credentials, boolean dockerHubStyle) {

  public RegistryEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(credentials, "credentials");
    if (name.isBlank()) {
      throw new IllegalArgumentException("registry name must not be blank");
    }
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "registry " + name + ": base URL must be http(s)://host[:port], got " + baseUrl);
    }
    if (baseUrl.getRawUserInfo() != null
        || baseUrl.getRawQuery() != null
        || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "registry " + name + ": base URL must have no user info, query or fragment");
    }
  }

  /** An anonymous, non-hub-style endpoint. */
  public RegistryEndpoint(String name, URI baseUrl) {
    this(name, baseUrl, Optional.empty(), false);
  }

  /** A copy that authenticates with {@code credentials}. */
  public RegistryEndpoint withCredentials(Credentials credentials) {
    return new RegistryEndpoint(name, baseUrl, Optional.of(credentials), dockerHubStyle);
  }

  /** A copy that prefixes single-segment image names with {@code library/}. */
  public RegistryEndpoint asDockerHubStyle() {
    return new RegistryEndpoint(name, baseUrl, credentials, true);
  }

  /** {@code host} or {@code host:port} as written in the base URL, lower case. */
  String hostAndPort() {
    String host = baseUrl.getHost().toLowerCase(Locale.ROOT);
    return baseUrl.getPort() < 0 ? host : host + ":" + baseUrl.getPort();
  }

  /** The base URL with a trailing slash, so that relative paths resolve below it. */
  URI base() {
    String s = baseUrl.toString();
    return URI.create(s.endsWith("/") ? s : s + "/");
  }

  /** "registry NAME at URL", the subject of user-facing messages. */
  String describe() {
    return "registry " + name + " at " + baseUrl;
  }
}
