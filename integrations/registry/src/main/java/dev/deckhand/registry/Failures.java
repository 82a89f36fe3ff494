package dev.deckhand.registry;

import dev.deckhand.commands.ports.RegistryException;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;

/** The user-facing failures shared by the request paths. */
final class Failures {
  private Failures() {}

  /** The registry or its token service turned our credentials (or our lack of them) down. */
  static RegistryException refused(RepositoryLocation location) {
    RegistryEndpoint endpoint = location.endpoint();
    if (endpoint.credentials().isPresent()) {
      return new RegistryException(
          "registry "
              + endpoint.name()
              + " refused the credentials for "
              + location.path()
              + ": check the username and token configured for it and their access to that"
              + " repository");
    }
    return new RegistryException(
        "registry "
            + endpoint.name()
            + " refused anonymous access to "
            + location.path()
            + ": the repository may be private; configure credentials for this registry");
  }

  /** Returns a 2xx answer; anything else (404 excepted, which callers handle first) throws. */
  static HttpResponse<byte[]> requireOk(
      HttpResponse<byte[]> response, RepositoryLocation location, String action) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    RegistryEndpoint endpoint = location.endpoint();
    if (status >= 300 && status < 400) {
      String target = response.headers().firstValue("Location").orElse("elsewhere");
      throw new RegistryException(
          endpoint.describe()
              + " redirected to "
              + target
              + " while "
              + action
              + "; configure the registry's final URL instead");
    }
    if (status == 403) {
      throw new RegistryException(
          "registry " + endpoint.name() + " denied access to " + location.path() + " (HTTP 403)");
    }
    if (status == 429) {
      throw new RegistryException(
          "registry "
              + endpoint.name()
              + " is rate-limiting us (HTTP 429) while "
              + action
              + "; try again in a few minutes");
    }
    throw new RegistryException(
        endpoint.describe() + " answered HTTP " + status + " while " + action);
  }

  /**
   * A refused manifest PUT explained in words when the registry says the tag is immutable (400, 403
   * or 409 with TAG_INVALID, MANIFEST_INVALID, DENIED or a message mentioning immutability).
   */
  static Optional<RegistryException> tagRefusal(
      HttpResponse<byte[]> response, RepositoryLocation location, String image, String tag) {
    int status = response.statusCode();
    if (status != 400 && status != 403 && status != 409) {
      return Optional.empty();
    }
    String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    boolean immutable = text.toLowerCase(Locale.ROOT).contains("immutab");
    if (!immutable && status == 409) {
      immutable = true;
    }
    if (!immutable) {
      try {
        RegistryJson.Errors errors = RegistryJson.read(response.body(), RegistryJson.Errors.class);
        if (errors.errors() != null) {
          for (RegistryJson.Errors.Error e : errors.errors()) {
            if ("TAG_INVALID".equals(e.code())
                && e.message() != null
                && e.message().toLowerCase(Locale.ROOT).contains("exist")) {
              immutable = true;
            }
          }
        }
      } catch (IllegalArgumentException e) {
        // not a registry error document
      }
    }
    if (!immutable) {
      return Optional.empty();
    }
    return Optional.of(
        new RegistryException(
            "tag "
                + tag
                + " of "
                + image
                + " is immutable in this registry (registry "
                + location.endpoint().name()
                + ", HTTP "
                + status
                + "); promote by digest or use another tag"));
  }
}
