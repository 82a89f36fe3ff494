package dev.deckhand.kubesim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;

/**
 * Pod template identity as the deployment controller sees it: the {@code pod-template-hash} and
 * equality that ignores that label. Thread-safe.
 */
final class PodTemplates {

  static final String HASH_LABEL = "pod-template-hash";
  // The alphabet of Kubernetes' rand.SafeEncodeString: no vowels, no look-alikes.
  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private final ObjectMapper mapper =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /**
   * The hash Kubernetes puts in ReplicaSet names: FNV-1a (32 bit) of the template without the hash
   * label, its decimal digits mapped to safe characters.
   */
  String hash(PodTemplateSpec template) {
    byte[] canonical;
    try {
      canonical =
          mapper.writeValueAsBytes(mapper.treeToValue(withoutHashLabel(template), Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a pod template", e);
    }
    int hash = 0x811c9dc5;
    for (byte b : canonical) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    String digits = Long.toString(Integer.toUnsignedLong(hash));
    StringBuilder encoded = new StringBuilder(digits.length());
    for (char c : digits.toCharArray()) {
      encoded.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
    }
    return encoded.toString();
  }

  /** Whether two templates are the same apart from the {@code pod-template-hash} label. */
  boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
    return withoutHashLabel(a).equals(withoutHashLabel(b));
  }

  /** A copy of {@code template} carrying {@code pod-template-hash=hash}. */
  static PodTemplateSpec withHashLabel(PodTemplateSpec template, String hash) {
    return new PodTemplateSpecBuilder(template)
        .editOrNewMetadata()
        .addToLabels(HASH_LABEL, hash)
        .endMetadata()
        .build();
  }

  private JsonNode withoutHashLabel(PodTemplateSpec template) {
    JsonNode node = mapper.valueToTree(template == null ? new PodTemplateSpec() : template);
    if (node.path("metadata").path("labels") instanceof ObjectNode labels) {
      labels.remove(HASH_LABEL);
      if (labels.isEmpty()) {
        ((ObjectNode) node.get("metadata")).remove("labels");
      }
    }
    return node;
  }
}
