package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/**
 * Pushes test images through the Registry HTTP API v2 the way a client does: monolithic blob
 * uploads ({@code POST .../blobs/uploads/} then {@code PUT <location>&digest=}) and a manifest
 * {@code PUT}. Test-only; asserts every answer.
 */
final class OciPusher {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI base;

  OciPusher(URI base) {
    this.base = URI.create(base.toString().replaceAll("/*$", "/"));
  }

  /** A blob pushed; returns its descriptor fields. */
  record Blob(String digest, int size) {}

  Blob pushBlob(String repo, byte[] content) {
    HttpResponse<String> start =
        send(
            HttpRequest.newBuilder(base.resolve("v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(start.statusCode()).as("upload start").isEqualTo(202);
    URI location = base.resolve(start.headers().firstValue("Location").orElseThrow());
    String digest = HttpImageRegistry.sha256(content);
    String sep = location.getRawQuery() == null ? "?" : "&";
    HttpResponse<String> put =
        send(
            HttpRequest.newBuilder(URI.create(location + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    assertThat(put.statusCode()).as("blob put: " + put.body()).isEqualTo(201);
    return new Blob(digest, content.length);
  }

  /** Pushes the manifest under {@code tag}; returns the digest the registry announced. */
  String pushManifest(String repo, String tag, String mediaType, byte[] manifest) {
    HttpResponse<String> put =
        send(
            HttpRequest.newBuilder(base.resolve("v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
    assertThat(put.statusCode()).as("manifest put: " + put.body()).isEqualTo(201);
    return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
  }

  /** An image manifest of the given type referencing one config and one layer. */
  static byte[] imageManifest(String mediaType, Blob config, Blob layer) {
    boolean oci = mediaType.equals(OCI_MANIFEST);
    String configType =
        oci
            ? "application/vnd.oci.image.config.v1+json"
            : "application/vnd.docker.container.image.v1+json";
    String layerType =
        oci
            ? "application/vnd.oci.image.layer.v1.tar+gzip"
            : "application/vnd.docker.image.rootfs.diff.tar.gzip";
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + mediaType
            + "\","
            + "\"config\":"
            + descriptor(configType, config)
            + ","
            + "\"layers\":["
            + descriptor(layerType, layer)
            + "]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** An OCI index pointing at one linux/amd64 manifest. */
  static byte[] index(Blob manifest) {
    String entry =
        descriptor(OCI_MANIFEST, manifest)
            .replaceFirst("}$", ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}");
    return ("{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_INDEX
            + "\",\"manifests\":["
            + entry
            + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A minimal image config; {@code label} makes each one (and so each image) distinct. */
  static byte[] config(String label) {
    return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"t\":\""
            + label
            + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An empty tar archive (two zero blocks), gzipped: a real, valid layer. */
  static byte[] emptyLayer() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String descriptor(String mediaType, Blob blob) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + blob.digest()
        + "\",\"size\":"
        + blob.size()
        + "}";
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
