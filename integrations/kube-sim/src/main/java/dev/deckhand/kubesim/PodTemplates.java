package dev.deckhand.kubesim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pod template identity as the deployment controller sees it: the {@code pod-template-hash} and
 * equality that ignores that label. Thread-safe.
 */
final class PodTemplates {

  static final String HASH_LABEL = "pod-template-hash";
  // The alphabet of Kubernetes' rand.SafeEncodeString: no vowels, no look-alikes.
  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private static final int REMEMBERED = 4096;

  private final ObjectMapper mapper =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private final Map<String, String> recent =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > REMEMBERED;
        }
      };

  /**
   * The hash Kubernetes puts in ReplicaSet names: FNV-1a (32 bit) of the template without the hash
   * label, its decimal digits mapped to safe characters.
   */
  String hash(PodTemplateSpec template) {
    int hash = 0x811c9dc5;
    for (byte b : canonical(template).getBytes(StandardCharsets.UTF_8)) {
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
    return canonical(a).equals(canonical(b));
  }

  /**
   * The template of {@code owner} (a Deployment or ReplicaSet) in canonical form, remembered per
   * object version because the controller compares the same templates on every tick.
   */
  synchronized String canonical(HasMetadata owner, PodTemplateSpec template) {
    String key = owner.getMetadata().getUid() + "@" + owner.getMetadata().getResourceVersion();
    return recent.computeIfAbsent(key, k -> canonical(template));
  }

  /** Sorted-key JSON of the template without the {@code pod-template-hash} label. */
  String canonical(PodTemplateSpec template) {
    JsonNode node = mapper.valueToTree(template == null ? new PodTemplateSpec() : template);
    if (node.path("metadata").path("labels") instanceof ObjectNode labels) {
      labels.remove(HASH_LABEL);
      if (labels.isEmpty()) {
        ((ObjectNode) node.get("metadata")).remove("labels");
      }
    }
    try {
      return mapper.writeValueAsString(mapper.treeToValue(node, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a pod template", e);
    }
  }

  /** A copy of {@code template} carrying {@code pod-template-hash=hash}. */
  static PodTemplateSpec withHashLabel(PodTemplateSpec template, String hash) {
    return new PodTemplateSpecBuilder(template)
        .editOrNewMetadata()
        .addToLabels(HASH_LABEL, hash)
        .endMetadata()
        .build();
  }
}
