package dev.deckhand.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The registry's JSON documents as typed records, read with Jackson. Pure, thread-safe. */
final class RegistryJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private RegistryJson() {}

  /** A content descriptor: a blob or manifest reference. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Descriptor(String mediaType, String digest, long size, Platform platform) {}

  /** The platform of an index entry. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Platform(String os, String architecture, String variant) {}

  /**
   * A manifest or an index (OCI or Docker): an image manifest has {@code config} and {@code
   * layers}, an index has {@code manifests}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Manifest(
      String mediaType, Descriptor config, List<Descriptor> layers, List<Descriptor> manifests) {
    Manifest {
      layers = layers == null ? List.of() : List.copyOf(layers);
      manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }

    boolean isIndex() {
      return config == null
          && (!manifests.isEmpty() || mediaType != null && isIndexType(mediaType));
    }
  }

  /** An image config blob (the parts Deckhand reads). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Config(String os, String architecture, String created, Inner config) {
    /** The {@code config} object inside the config blob. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Inner(@JsonProperty("Labels") Map<String, String> labels) {}

    Map<String, String> labels() {
      return config == null || config.labels() == null ? Map.of() : config.labels();
    }
  }

  /** A tag-list answer; {@code tags} may be null (no tags). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record TagList(String name, List<String> tags) {}

  /** A registry error answer: {@code {"errors":[{"code":..,"message":..}]}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Errors(List<Error> errors) {
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String code, String message) {}
  }

  static boolean isIndexType(String mediaType) {
    return mediaType.equals("application/vnd.oci.image.index.v1+json")
        || mediaType.equals("application/vnd.docker.distribution.manifest.list.v2+json");
  }

  /** Reads {@code type}; throws IllegalArgumentException for anything unreadable. */
  static <T> T read(byte[] body, Class<T> type) {
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new IllegalArgumentException("empty JSON document");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable JSON: " + e.getMessage(), e);
    }
  }

  /** A JSON object as a tree; throws IllegalArgumentException unless it is an object. */
  static JsonNode object(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable JSON: " + e.getMessage(), e);
    }
  }
}
