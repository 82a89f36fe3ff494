package dev.deckhand.registry;

import dev.deckhand.commands.ports.ImageConfig;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.RegistryException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

  /** A manifest as served: its media type, its exact bytes and its digest. */
  private record Served(String mediaType, byte[] bytes, String digest) {
    RegistryJson.Manifest parsed(RepositoryLocation location) {
      try {
        return RegistryJson.read(bytes, RegistryJson.Manifest.class);
      } catch (IllegalArgumentException e) {
        throw new RegistryException(
            location.endpoint().describe() + " returned an unreadable manifest " + digest, e);
      }
    }
  }

  private static void requireDigest(String digest) {
    if (digest == null || !SHA256.matcher(digest).matches()) {
      throw new RegistryException(
          "not an image digest: " + digest + "; type sha256: followed by 64 hex digits");
    }
  }

  /** The manifest {@code reference} (a digest or a tag) of the repository; empty on 404. */
  private Optional<Served> manifest(RepositoryLocation location, String reference, String action) {
    HttpResponse<byte[]> get =
        transport.send(
            location, "GET", location.uri("manifests/" + reference), MANIFEST_TYPES, action);
    if (get.statusCode() == 404) {
      return Optional.empty();
    }
    Failures.requireOk(get, location, action);
    byte[] bytes = get.body();
    String digest = sha256(bytes);
    String mediaType =
        get.headers()
            .firstValue("Content-Type")
            .map(t -> t.split(";", 2)[0].trim())
            .filter(t -> !t.isEmpty() && !t.equals("application/json"))
            .orElse(null);
    if (mediaType == null) {
      try {
        mediaType = RegistryJson.read(bytes, RegistryJson.Manifest.class).mediaType();
      } catch (IllegalArgumentException e) {
        mediaType = null;
      }
    }
    if (mediaType == null) {
      mediaType = "application/vnd.oci.image.manifest.v1+json";
    }
    return Optional.of(new Served(mediaType, bytes, digest));
  }

  @Override
  public Optional<ImageConfig> config(String image, String digest) {
    requireDigest(digest);
    RepositoryLocation location = resolver.resolve(image);
    String action = "reading the config of " + image + "@" + digest;
    Optional<Served> served = manifest(location, digest, action);
    if (served.isEmpty()) {
      return Optional.empty();
    }
    RegistryJson.Manifest manifest = served.get().parsed(location);
    if (manifest.isIndex()) {
      RegistryJson.Manifest index = manifest;
      RegistryJson.Descriptor amd64 =
          index.manifests().stream()
              .filter(
                  d ->
                      d.platform() != null
                          && "linux".equals(d.platform().os())
                          && "amd64".equals(d.platform().architecture()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new RegistryException(
                          "image "
                              + image
                              + "@"
                              + digest
                              + " has no linux/amd64 manifest (platforms: "
                              + platforms(index)
                              + ")"));
      Optional<Served> platform = manifest(location, amd64.digest(), action);
      if (platform.isEmpty()) {
        return Optional.empty();
      }
      manifest = platform.get().parsed(location);
    }
    if (manifest.config() == null || manifest.config().digest() == null) {
      throw new RegistryException(
          location.endpoint().describe() + " served manifest " + digest + " without a config");
    }
    HttpResponse<byte[]> blob =
        transport.send(
            location,
            "GET",
            location.uri("blobs/" + manifest.config().digest()),
            "application/json, */*",
            action);
    if (blob.statusCode() == 404) {
      throw new RegistryException(
          location.endpoint().describe()
              + " is missing the config blob "
              + manifest.config().digest()
              + " of "
              + image
              + "@"
              + digest);
    }
    Failures.requireOk(blob, location, action);
    RegistryJson.Config config;
    try {
      config = RegistryJson.read(blob.body(), RegistryJson.Config.class);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          location.endpoint().describe() + " returned an unreadable image config", e);
    }
    Optional<Instant> created = Optional.empty();
    if (config.created() != null) {
      try {
        created = Optional.of(Instant.parse(config.created()));
      } catch (DateTimeParseException e) {
        created = Optional.empty();
      }
    }
    Map<String, String> labels = new java.util.HashMap<>();
    config.labels().forEach((k, v) -> labels.put(k, v == null ? "" : v));
    return Optional.of(
        new ImageConfig(
            config.os() == null ? "" : config.os(),
            config.architecture() == null ? "" : config.architecture(),
            created,
            labels));
  }

  private static String platforms(RegistryJson.Manifest index) {
    List<String> names = new ArrayList<>();
    for (RegistryJson.Descriptor d : index.manifests()) {
      if (d.platform() != null) {
        names.add(d.platform().os() + "/" + d.platform().architecture());
      }
    }
    return names.isEmpty() ? "none stated" : String.join(", ", names);
  }

  @Override
  public void tag(String image, String tag, String digest) {
    TagGrammar.require(tag);
    requireDigest(digest);
    RepositoryLocation location = resolver.resolve(image);
    String action = "tagging " + image + "@" + digest + " as " + tag;
    Served served =
        manifest(location, digest, action)
            .orElseThrow(
                () -> new RegistryException("no manifest " + digest + " in image " + image));
    put(location, image, tag, served, action);
  }

  @Override
  public void copy(String from, String digest, String to, String tag) {
    TagGrammar.require(tag);
    requireDigest(digest);
    RepositoryLocation source = resolver.resolve(from);
    RepositoryLocation target = resolver.resolve(to);
    if (!source.endpoint().name().equals(target.endpoint().name())) {
      throw new RegistryException(
          "copying between registries ("
              + source.endpoint().name()
              + " to "
              + target.endpoint().name()
              + ") is not supported yet; push the image to registry "
              + target.endpoint().name()
              + " from your build instead");
    }
    String action = "copying " + from + "@" + digest + " to " + to + ":" + tag;
    Served served =
        manifest(source, digest, action)
            .orElseThrow(
                () -> new RegistryException("no manifest " + digest + " in image " + from));
    RegistryJson.Manifest manifest = served.parsed(source);
    if (manifest.isIndex()) {
      for (RegistryJson.Descriptor child : manifest.manifests()) {
        Served platform =
            manifest(source, child.digest(), action)
                .orElseThrow(
                    () ->
                        new RegistryException(
                            "image "
                                + from
                                + "@"
                                + digest
                                + " lists missing manifest "
                                + child.digest()));
        mountAll(source, target, platform.parsed(source), action);
        putManifest(target, to, child.digest(), platform, action);
      }
    } else {
      mountAll(source, target, manifest, action);
    }
    put(target, to, tag, served, action);
  }

  private void mountAll(
      RepositoryLocation source,
      RepositoryLocation target,
      RegistryJson.Manifest manifest,
      String action) {
    List<RegistryJson.Descriptor> blobs = new ArrayList<>(manifest.layers());
    if (manifest.config() != null) {
      blobs.add(manifest.config());
    }
    for (RegistryJson.Descriptor blob : blobs) {
      requireDigest(blob.digest());
      HttpResponse<byte[]> head =
          transport.send(
              target,
              "HEAD",
              target.uri("blobs/" + blob.digest()),
              "*/*",
              action,
              null,
              target.pushScope());
      if (head.statusCode() == 200) {
        continue;
      }
      URI mount = target.uri("blobs/uploads/?mount=" + blob.digest() + "&from=" + source.path());
      HttpResponse<byte[]> answer =
          transport.send(
              target,
              "POST",
              mount,
              "*/*",
              action,
              new AuthenticatingTransport.Body("application/octet-stream", new byte[0]),
              target.pushScope());
      if (answer.statusCode() == 201) {
        continue;
      }
      if (answer.statusCode() == 202) {
        // The registry would not mount; it opened an upload instead: transfer the blob.
        transfer(source, target, blob, answer, action);
        continue;
      }
      Failures.requireOk(answer, target, action);
    }
  }

  private void transfer(
      RepositoryLocation source,
      RepositoryLocation target,
      RegistryJson.Descriptor blob,
      HttpResponse<byte[]> upload,
      String action) {
    HttpResponse<byte[]> get =
        transport.send(source, "GET", source.uri("blobs/" + blob.digest()), "*/*", action);
    Failures.requireOk(get, source, action);
    if (!sha256(get.body()).equals(blob.digest())) {
      throw new RegistryException(
          source.endpoint().describe() + " served blob " + blob.digest() + " with other content");
    }
    String location =
        upload
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new RegistryException(
                        target.endpoint().describe() + " opened an upload without a Location"));
    URI uri = upload.uri().resolve(location);
    if (!Transport.sameHostAndPort(uri, target.endpoint().baseUrl())) {
      throw new RegistryException(
          target.endpoint().describe()
              + " sent an upload location on another server; refusing to send a blob there");
    }
    String sep = uri.getRawQuery() == null ? "?" : "&";
    HttpResponse<byte[]> put =
        transport.send(
            target,
            "PUT",
            URI.create(uri + sep + "digest=" + blob.digest()),
            "*/*",
            action,
            new AuthenticatingTransport.Body("application/octet-stream", get.body()),
            target.pushScope());
    Failures.requireOk(put, target, action);
  }

  /** PUTs the manifest bytes unchanged under {@code tag}, then checks the tag reads back. */
  private void put(
      RepositoryLocation location, String image, String tag, Served served, String action) {
    putManifest(location, image, tag, served, action);
    String back = digest(image, tag).orElse("nothing");
    if (!back.equals(served.digest())) {
      throw new RegistryException(
          "registry "
              + location.endpoint().name()
              + " accepted "
              + image
              + ":"
              + tag
              + " but it now resolves to "
              + back
              + " instead of "
              + served.digest());
    }
  }

  private void putManifest(
      RepositoryLocation location, String image, String reference, Served served, String action) {
    HttpResponse<byte[]> put =
        transport.send(
            location,
            "PUT",
            location.uri("manifests/" + reference),
            "*/*",
            action,
            new AuthenticatingTransport.Body(served.mediaType(), served.bytes()),
            location.pushScope());
    int status = put.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    Failures.tagRefusal(put, location, image, reference)
        .ifPresent(
            e -> {
              throw e;
            });
    Failures.requireOk(put, location, action);
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
        List<String> tags = RegistryJson.read(body, RegistryJson.TagList.class).tags();
        return tags == null ? List.of() : tags;
      } catch (IllegalArgumentException e) {
        throw new RegistryException(
            location.endpoint().describe() + " returned an unreadable tag list", e);
      }
    }
  }
}
