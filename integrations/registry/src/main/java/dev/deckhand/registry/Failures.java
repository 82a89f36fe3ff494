package dev.deckhand.registry;

import dev.deckhand.commands.ports.RegistryException;
import java.net.http.HttpResponse;

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
}
