package dev.deckhand.registry;

import java.net.URI;

/** Where an image lives: its registry and its repository path there ({@code team/app}). */
record RepositoryLocation(RegistryEndpoint endpoint, String path) {

  /**
   * {@code <baseUrl>/v2/<path>/<suffix>}; the path and suffix are validated, so need no escaping.
   */
  URI uri(String suffix) {
    return endpoint.base().resolve("v2/" + path + "/" + suffix);
  }

  /** The token scope that reading this repository needs. */
  String pullScope() {
    return "repository:" + path + ":pull";
  }

  /** The token scope for writing to the repository. */
  String pushScope() {
    return "repository:" + path + ":push,pull";
  }
}
