package dev.deckhand.bot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * {@code docker: { host: unix:///var/run/docker.sock }}: the Docker Engine API {@code /build} uses.
 * A unix socket, or {@code tcp://} to an engine on this machine's loopback: the engine's API is
 * root on its host, and Deckhand does not speak TLS to it.
 */
final class DockerSection {
  private DockerSection() {}

  static Optional<URI> parse(YamlNode node) {
    Optional<YamlMap> found = node.map("host");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> host = map.requiredText("host");
    if (host.isEmpty()) {
      return Optional.empty();
    }
    YamlNode at = map.get("host").orElseThrow();
    URI uri;
    try {
      uri = new URI(host.get());
    } catch (URISyntaxException e) {
      at.problem("expected unix:///var/run/docker.sock or tcp://127.0.0.1:2375");
      return Optional.empty();
    }
    if ("unix".equals(uri.getScheme()) && uri.getPath() != null && uri.getPath().length() > 1) {
      return Optional.of(uri);
    }
    if ("tcp".equals(uri.getScheme()) && uri.getPort() > 0) {
      String h = uri.getHost();
      if ("127.0.0.1".equals(h) || "localhost".equals(h) || "[::1]".equals(h)) {
        return Optional.of(uri);
      }
      at.problem(
          h
              + " is not this machine: the engine API is root on its host and Deckhand speaks no"
              + " TLS to it; use its unix socket, or tcp://127.0.0.1:PORT through a tunnel");
      return Optional.empty();
    }
    at.problem("expected unix:///var/run/docker.sock or tcp://127.0.0.1:2375");
    return Optional.empty();
  }
}
