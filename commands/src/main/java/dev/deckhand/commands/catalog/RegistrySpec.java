package dev.deckhand.commands.catalog;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * An image registry. Credentials are already resolved from their {@code env:}/{@code file:}
 * references; both are null for anonymous access.
 *
 * @param insecure whether the credentials may travel over plain {@code http://} (the loader refuses
 *     {@code http://} with credentials otherwise)
 * @param tokenRealms token services on other hosts that may receive the credentials
 */
public record RegistrySpec(
    String name,
    URI url,
    String username,
    String password,
    boolean insecure,
    List<URI> tokenRealms) {
  public RegistrySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    tokenRealms = List.copyOf(tokenRealms);
  }

  /** A secure registry that trusts no token service but its own host. */
  public RegistrySpec(String name, URI url, String username, String password) {
    this(name, url, username, password, false, List.of());
  }

  @Override
  public String toString() {
    return "RegistrySpec[name="
        + name
        + ", url="
        + url
        + ", username="
        + username
        + ", insecure="
        + insecure
        + ", tokenRealms="
        + tokenRealms
        + "]";
  }
}
