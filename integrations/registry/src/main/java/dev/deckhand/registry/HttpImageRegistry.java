package dev.deckhand.registry;

import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.RegistryException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@link ImageRegistry} over the Registry HTTP API v2. Thread-safe, blocking. */
final class HttpImageRegistry implements ImageRegistry {
  static final String MANIFEST_TYPES =
      String.join(
          ", ",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.docker.distribution.manifest.v2+json");
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  private final RepositoryResolver resolver;
  private final AuthenticatingTransport transport;
  private final RegistrySettings settings;

  HttpImageRegistry(
      RepositoryResolver resolver, AuthenticatingTransport transport, RegistrySettings settings) {
    this.resolver = resolver;
    this.transport = transport;
    this.settings = settings;
  }

  @Override
  public List<String> tags(String image) {
    RepositoryLocation location = resolver.resolve(image);
    String action = "listing the tags of " + image;
    List<String> tags = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    URI page = location.uri("tags/list?n=" + settings.pageSize());
    while (page != null) {
      admit(seen, page, location, image);
      HttpResponse<byte[]> response =
          transport.send(location, "GET", page, "application/json", action);
      if (response.statusCode() == 404) {
        throw new RegistryException(
            "no image " + image + " in registry " + location.endpoint().name());
      }
      tags.addAll(TagList.parse(Failures.requireOk(response, location, action).body(), location));
      URI current = page;
      page =
          LinkHeader.next(response.headers().allValues("Link"))
              .map(link -> nextPage(location, current, link))
              .orElse(null);
    }
    return List.copyOf(tags);
  }

  /** Bounds pagination: at most {@code maxPages} pages, and never the same page twice. */
  private void admit(Set<URI> seen, URI page, RepositoryLocation location, String image) {
    if (seen.size() >= settings.maxPages()) {
      throw new RegistryException(
          location.endpoint().describe()
              + " sent more than "
              + settings.maxPages()
              + " pages of tags for "
              + image
              + "; giving up");
    }
    if (!seen.add(page)) {
      throw new RegistryException(
          location.endpoint().describe()
              + " sent a pagination loop for the tags of "
              + image
              + "; giving up");
    }
  }

  @Override
  public Optional<String> digest(String image, String tag) {
    TagGrammar.require(tag);
    RepositoryLocation location = resolver.resolve(image);
    URI uri = location.uri("manifests/" + tag);
    String action = "reading the digest of " + image + ":" + tag;
    HttpResponse<byte[]> head = transport.send(location, "HEAD", uri, MANIFEST_TYPES, action);
    if (head.statusCode() == 404) {
      return Optional.empty();
    }
    Optional<String> header =
        Failures.requireOk(head, location, action)
            .headers()
            .firstValue("Docker-Content-Digest")
            .map(String::trim)
            .filter(d -> SHA256.matcher(d).matches());
    if (header.isPresent()) {
      return header;
    }
    // Without the header, the digest is by definition the sha256 of the manifest bytes served.
    HttpResponse<byte[]> get = transport.send(location, "GET", uri, MANIFEST_TYPES, action);
    if (get.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(sha256(Failures.requireOk(get, location, action).body()));
  }

  /** The next page's URI, relative to the current one, on the registry's own server only. */
  private static URI nextPage(RepositoryLocation location, URI current, String link) {
    URI next;
    try {
      next = current.resolve(link);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          location.endpoint().describe() + " sent an unreadable pagination link", e);
    }
    URI base = location.endpoint().baseUrl();
    boolean same =
        base.getScheme().equalsIgnoreCase(next.getScheme())
            && base.getHost().equalsIgnoreCase(next.getHost())
            && effectivePort(base) == effectivePort(next);
    if (!same) {
      throw new RegistryException(
          location.endpoint().describe()
              + " sent a pagination link to another server ("
              + next.getScheme()
              + "://"
              + next.getHost()
              + "); refusing to follow it");
    }
    return next;
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The {@code tags} array of a tag-list answer; {@code null} (no tags left) is empty. */
  private static final class TagList {
    private TagList() {}

    static List<String> parse(byte[] body, RepositoryLocation location) {
      try {
        Object tags = MiniJson.object(new String(body, StandardCharsets.UTF_8)).get("tags");
        if (tags == null) {
          return List.of();
        }
        List<String> result = new ArrayList<>();
        for (Object tag : (List<?>) tags) {
          result.add((String) tag);
        }
        return result;
      } catch (IllegalArgumentException | ClassCastException e) {
        throw new RegistryException(
            location.endpoint().describe() + " returned an unreadable tag list", e);
      }
    }
  }
}
