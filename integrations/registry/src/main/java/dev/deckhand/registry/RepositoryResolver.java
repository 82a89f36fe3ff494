package dev.deckhand.registry;

import dev.deckhand.commands.ports.RegistryException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps an image name to its registry and repository path, the way a container runtime does: a first
 * path segment containing '.' or ':', or equal to {@code localhost}, is a registry host, matched
 * against each endpoint's {@code host[:port]} (or its name) and stripped; any other name goes to
 * the default endpoint (the one named {@code default}, else the first) unchanged, except that a
 * hub-style endpoint prefixes a single-segment name with {@code library/}. Pure and thread-safe.
 */
final class RepositoryResolver {
  private static final Pattern PATH =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final int MAX_PATH = 255;

  private final List<RegistryEndpoint> endpoints;
  private final RegistryEndpoint defaultEndpoint;

  RepositoryResolver(List<RegistryEndpoint> endpoints) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one registry must be configured");
    }
    Set<String> names = new HashSet<>();
    for (RegistryEndpoint e : endpoints) {
      if (!names.add(e.name())) {
        throw new IllegalArgumentException("registry " + e.name() + " is configured twice");
      }
    }
    this.endpoints = List.copyOf(endpoints);
    this.defaultEndpoint =
        endpoints.stream()
            .filter(e -> e.name().equals("default"))
            .findFirst()
            .orElse(endpoints.get(0));
  }

  RepositoryLocation resolve(String image) {
    if (image == null || image.isBlank()) {
      throw new RegistryException("no image name given");
    }
    int slash = image.indexOf('/');
    if (slash > 0) {
      String first = image.substring(0, slash);
      if (first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")) {
        return validated(endpointForHost(first, image), image.substring(slash + 1), image);
      }
    }
    boolean prefix = defaultEndpoint.dockerHubStyle() && slash < 0;
    return validated(defaultEndpoint, prefix ? "library/" + image : image, image);
  }

  private RegistryEndpoint endpointForHost(String host, String image) {
    String wanted = host.toLowerCase(Locale.ROOT);
    return endpoints.stream()
        .filter(e -> e.hostAndPort().equals(wanted) || e.name().equalsIgnoreCase(host))
        .findFirst()
        .orElseThrow(
            () ->
                new RegistryException(
                    "no registry is configured for "
                        + host
                        + " (image "
                        + image
                        + "); configured: "
                        + endpoints.stream()
                            .map(e -> e.name() + " (" + e.hostAndPort() + ")")
                            .collect(Collectors.joining(", "))));
  }

  private static RepositoryLocation validated(
      RegistryEndpoint endpoint, String path, String image) {
    if (path.length() > MAX_PATH || !PATH.matcher(path).matches()) {
      throw new RegistryException(
          "invalid image name \""
              + image
              + "\": expected lower-case path components such as team/app, without tag or digest");
    }
    return new RepositoryLocation(endpoint, path);
  }
}
