package dev.deckhand.registry;

import java.net.URI;
import java.util.Locale;

/** Comparisons of URL origins, for deciding where credentials may go. Pure. */
final class Transport {
  private Transport() {}

  /** The scheme in lower case, empty when there is none. */
  static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  /** Same host (case-insensitive) and same port, the scheme's default port when none is given. */
  static boolean sameHostAndPort(URI a, URI b) {
    return a.getHost() != null
        && b.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  /** Whether {@code uri} has {@code prefix}'s scheme, host and port and a path below its path. */
  static boolean within(URI uri, URI prefix) {
    if (!scheme(uri).equals(scheme(prefix)) || !sameHostAndPort(uri, prefix)) {
      return false;
    }
    String base = prefix.getPath() == null ? "" : prefix.getPath();
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (base.isEmpty() || base.equals("/")) {
      return true;
    }
    return path.equals(base) || path.startsWith(base.endsWith("/") ? base : base + "/");
  }

  /** {@code scheme://host[:port]}, for messages (never a path or query). */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return scheme(uri).equals("https") ? 443 : 80;
  }
}
