package dev.deckhand.commands.catalog;

import java.net.URI;
import java.util.Objects;

/**
 * An image registry. Credentials are already resolved from their {@code env:}/{@code file:}
 * references; both are null for anonymous access.
 */
public record RegistrySpec(String name, URI url, String username, String password) {
  public RegistrySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
  }

  @Override
  public String toString() {
    return "RegistrySpec[name=" + name + ", url=" + url + ", username=" + username + "]";
  }
}
