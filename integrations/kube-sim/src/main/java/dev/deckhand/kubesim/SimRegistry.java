package dev.deckhand.kubesim;

import java.util.List;

/**
 * A Docker Registry (HTTP API v2) on 127.0.0.1 and an ephemeral port, plain HTTP, no
 * authentication: {@code GET /v2/}, {@code GET /v2/<name>/tags/list} (with {@code n}/{@code last}
 * pagination and a {@code Link} header), {@code GET}/{@code HEAD /v2/<name>/manifests/<tag or
 * digest>} (a small OCI manifest with {@code Docker-Content-Digest} = sha256 of the body) and
 * {@code GET /v2/<name>/blobs/<config digest>}. Unknown names, tags and digests get 404 with the
 * registry's JSON error ({@code NAME_UNKNOWN}, {@code MANIFEST_UNKNOWN}, {@code BLOB_UNKNOWN}).
 *
 * <p>Tags are listed in the order they were added, not sorted as a real registry does, so a demo
 * can show the newest last. A {@code last} that is not a known tag yields an empty page.
 *
 * <p>Thread-safe; {@link #addTags} may be called while serving. {@link #close()} stops at once.
 */
public final class SimRegistry implements AutoCloseable {

  private final RegistryCatalog catalog;
  private final LoopbackHttp http;

  private SimRegistry() {
    this.catalog = new RegistryCatalog();
    this.http = new LoopbackHttp("kube-sim-registry", new RegistryHandler(catalog));
  }

  /** Starts an empty registry. */
  public static SimRegistry start() {
    return new SimRegistry();
  }

  /** Like {@code http://127.0.0.1:41234}; image references use its host:port part. */
  public String baseUrl() {
    return http.baseUrl();
  }

  /** {@code 127.0.0.1:<port>}, the registry host to put in image references. */
  public String host() {
    return baseUrl().substring("http://".length());
  }

  /**
   * Adds tags to a repository (created if needed), keeping the order; adding an existing tag
   * changes nothing.
   *
   * @param repository a registry repository name such as {@code synergygroup/coachpilot-gateway}
   * @throws IllegalArgumentException if the repository or a tag is not a valid name
   */
  public void addTags(String repository, String... tags) {
    catalog.addTags(repository, tags);
  }

  /** The tags of a repository in the order added; empty if the repository is unknown. */
  public List<String> tags(String repository) {
    return catalog.tags(repository).orElse(List.of());
  }

  /**
   * The manifest digest served for {@code repository:tag}, {@code sha256:<64 hex>}.
   *
   * @throws IllegalArgumentException if the registry has no such tag
   */
  public String digestOf(String repository, String tag) {
    return catalog
        .manifest(repository, tag)
        .orElseThrow(() -> new IllegalArgumentException("no such tag: " + repository + ":" + tag))
        .digest();
  }

  @Override
  public void close() {
    http.close();
  }
}
