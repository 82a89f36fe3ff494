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

  /** A manifest, its digest and the config blob it points to. */
  record Manifest(byte[] body, String digest, byte[] config, String configDigest) {}

  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Map<String, Manifest>> repositories = new LinkedHashMap<>();

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
      known.computeIfAbsent(tag, t -> build(repository, t));
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
      return known.values().stream().filter(m -> m.digest().equals(reference)).findFirst();
    }
    return Optional.ofNullable(known.get(reference));
  }

  /** The config blob with that digest. */
  synchronized Optional<byte[]> blob(String repository, String digest) {
    return repositories.getOrDefault(repository, Map.of()).values().stream()
        .filter(m -> m.configDigest().equals(digest))
        .map(Manifest::config)
        .findFirst();
  }

  synchronized boolean hasRepository(String repository) {
    return repositories.containsKey(repository);
  }

  private Manifest build(String repository, String tag) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("architecture", "amd64");
    config.put("os", "linux");
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
    manifest.put(
        "layers",
        List.of(
            descriptor(
                "application/vnd.oci.image.layer.v1.tar+gzip",
                "sha256:" + SimTime.sha256Hex("layer:" + repository + ":" + tag),
                3_000_000 + Math.floorMod((repository + tag).hashCode(), 1_000_000))));
    byte[] body = json(manifest);
    return new Manifest(body, "sha256:" + SimTime.sha256Hex(body), configBytes, configDigest);
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
