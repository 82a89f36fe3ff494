package dev.deckhand.kubesim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The repositories, tags and manifests a {@link SimRegistry} serves. Each tag gets a small OCI
 * image manifest that depends only on repository and tag, so digests are stable across runs.
 * Thread-safe (all methods synchronized).
 */
final class RegistryCatalog {

  static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  /** A manifest, its digest and its media type. */
  record Manifest(byte[] body, String digest, String mediaType) {}

  /** Why a manifest PUT was refused: the registry's error code and message. */
  static final class Refusal extends Exception {
    final String code;

    Refusal(String code, String message) {
      super(message);
      this.code = code;
    }
  }

  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Map<String, Manifest>> repositories = new LinkedHashMap<>();
  private final Map<String, Map<String, Manifest>> untagged = new LinkedHashMap<>();

  /**
   * Blobs per repository by digest; layers are not materialised (their content is empty), config
   * blobs are.
   */
  private final Map<String, Map<String, byte[]>> blobs = new LinkedHashMap<>();

  synchronized void addTags(String repository, String... tags) {
    if (repository == null || !REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException("not a valid repository name: " + repository);
    }
    Map<String, Manifest> known =
        repositories.computeIfAbsent(repository, r -> new LinkedHashMap<>());
    for (String tag : tags) {
      if (tag == null || !TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("not a valid tag: " + tag);
      }
      if (!known.containsKey(tag)) {
        known.put(tag, build(repository, tag));
      }
    }
  }

  /** The tags of a repository in the order they were added; empty if unknown. */
  synchronized Optional<List<String>> tags(String repository) {
    Map<String, Manifest> known = repositories.get(repository);
    return known == null ? Optional.empty() : Optional.of(new ArrayList<>(known.keySet()));
  }

  /** The manifest for a tag or a {@code sha256:} digest. */
  synchronized Optional<Manifest> manifest(String repository, String reference) {
    Map<String, Manifest> known = repositories.getOrDefault(repository, Map.of());
    if (reference.startsWith("sha256:")) {
      return known.values().stream()
          .filter(m -> m.digest().equals(reference))
          .findFirst()
          .or(
              () ->
                  Optional.ofNullable(untagged.getOrDefault(repository, Map.of()).get(reference)));
    }
    return Optional.ofNullable(known.get(reference));
  }

  /** The blob with that digest (a layer's content is empty: the sim does not store layers). */
  synchronized Optional<byte[]> blob(String repository, String digest) {
    return Optional.ofNullable(blobs.getOrDefault(repository, Map.of()).get(digest));
  }

  /**
   * Mounts blob {@code digest} of repository {@code from} into {@code repository} (created if
   * needed); false when {@code from} has no such blob.
   */
  synchronized boolean mount(String repository, String digest, String from) {
    byte[] blob = blobs.getOrDefault(from, Map.of()).get(digest);
    if (blob == null || !REPOSITORY.matcher(repository).matches()) {
      return false;
    }
    repositories.computeIfAbsent(repository, r -> new LinkedHashMap<>());
    blobs.computeIfAbsent(repository, r -> new LinkedHashMap<>()).put(digest, blob);
    return true;
  }

  /**
   * Stores a pushed manifest under a tag (moving the tag if it exists) or a digest, as a registry
   * does on {@code PUT /v2/<name>/manifests/<reference>}; every blob or manifest it references must
   * already be in the repository.
   *
   * @return the manifest's digest
   */
  synchronized String put(String repository, String reference, String mediaType, byte[] body)
      throws Refusal {
    if (repository == null || !REPOSITORY.matcher(repository).matches()) {
      throw new Refusal("NAME_INVALID", "invalid repository name");
    }
    String digest = "sha256:" + SimTime.sha256Hex(body);
    com.fasterxml.jackson.databind.JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (java.io.IOException e) {
      throw new Refusal("MANIFEST_INVALID", "manifest invalid");
    }
    if (json == null || !json.isObject()) {
      throw new Refusal("MANIFEST_INVALID", "manifest invalid");
    }
    Map<String, byte[]> have = blobs.getOrDefault(repository, Map.of());
    List<String> needed = new ArrayList<>();
    if (json.has("config")) {
      needed.add(json.path("config").path("digest").asText());
    }
    json.path("layers").forEach(l -> needed.add(l.path("digest").asText()));
    for (String blob : needed) {
      if (!have.containsKey(blob)) {
        throw new Refusal("MANIFEST_BLOB_UNKNOWN", "blob unknown to registry: " + blob);
      }
    }
    for (com.fasterxml.jackson.databind.JsonNode child : json.path("manifests")) {
      if (manifest(repository, child.path("digest").asText()).isEmpty()) {
        throw new Refusal("MANIFEST_UNKNOWN", "manifest unknown: " + child.path("digest").asText());
      }
    }
    Manifest manifest = new Manifest(body, digest, mediaType);
    if (reference.startsWith("sha256:")) {
      if (!reference.equals(digest)) {
        throw new Refusal("DIGEST_INVALID", "provided digest did not match uploaded content");
      }
      untagged.computeIfAbsent(repository, r -> new LinkedHashMap<>()).put(digest, manifest);
    } else {
      if (!TAG.matcher(reference).matches()) {
        throw new Refusal("TAG_INVALID", "manifest tag did not match URI");
      }
      repositories.computeIfAbsent(repository, r -> new LinkedHashMap<>()).put(reference, manifest);
    }
    return digest;
  }

  synchronized boolean hasRepository(String repository) {
    return repositories.containsKey(repository);
  }

  private static final java.util.regex.Pattern DAY =
      java.util.regex.Pattern.compile("(20\\d{2})(\\d{2})(\\d{2})");

  /**
   * When the image was "built": noon UTC of the day a tag names ({@code p10e-mmc-20260519-…}), else
   * a fixed day; derived from the tag, so the digest is the same in every run.
   */
  static String created(String tag) {
    java.util.regex.Matcher day = DAY.matcher(tag);
    if (day.find()) {
      try {
        return java.time.LocalDate.of(
                Integer.parseInt(day.group(1)),
                Integer.parseInt(day.group(2)),
                Integer.parseInt(day.group(3)))
            .atTime(12, 0)
            .toInstant(java.time.ZoneOffset.UTC)
            .toString();
      } catch (java.time.DateTimeException e) {
        // not a day after all
      }
    }
    return "2026-05-01T12:00:00Z";
  }

  private Manifest build(String repository, String tag) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("architecture", tag.endsWith("-arm64") ? "arm64" : "amd64");
    config.put("os", "linux");
    config.put("created", created(tag));
    // Ordered maps: the digest must be the same in every JVM (Map.of iterates in a per-run order).
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.source", repository);
    labels.put("version", tag);
    config.put("config", Map.of("Labels", labels));
    byte[] configBytes = json(config);
    String configDigest = "sha256:" + SimTime.sha256Hex(configBytes);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MANIFEST_TYPE);
    manifest.put("config", descriptor(CONFIG_TYPE, configDigest, configBytes.length));
    String layer = "sha256:" + SimTime.sha256Hex("layer:" + repository + ":" + tag);
    manifest.put(
        "layers",
        List.of(
            descriptor(
                "application/vnd.oci.image.layer.v1.tar+gzip",
                layer,
                3_000_000 + Math.floorMod((repository + tag).hashCode(), 1_000_000))));
    byte[] body = json(manifest);
    Map<String, byte[]> own = blobs.computeIfAbsent(repository, r -> new LinkedHashMap<>());
    own.put(configDigest, configBytes);
    own.put(layer, new byte[0]);
    return new Manifest(body, "sha256:" + SimTime.sha256Hex(body), MANIFEST_TYPE);
  }

  private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", digest);
    descriptor.put("size", size);
    return descriptor;
  }

  private byte[] json(Object value) {
    try {
      return mapper.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a manifest", e);
    }
  }
}
