package dev.deckhand.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds RFC 6902 JSON patch operations as plain maps. Not thread-safe; one per patch. */
final class JsonPatch {
  private final List<Map<String, Object>> ops = new ArrayList<>();

  /** Escapes one reference token of a JSON pointer (RFC 6901): {@code ~} then {@code /}. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  JsonPatch test(String path, Object value) {
    return op("test", path, value);
  }

  JsonPatch replace(String path, Object value) {
    return op("replace", path, value);
  }

  JsonPatch add(String path, Object value) {
    return op("add", path, value);
  }

  JsonPatch remove(String path) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", "remove");
    m.put("path", path);
    ops.add(m);
    return this;
  }

  /**
   * Sets one annotation of {@code current}'s metadata. When it has no annotations at all the whole
   * map is added, guarded by a test of the resourceVersion so that annotations added concurrently
   * are not overwritten.
   */
  JsonPatch setAnnotation(HasMetadata current, String key, String value) {
    if (current.getMetadata().getAnnotations() == null) {
      String resourceVersion = current.getMetadata().getResourceVersion();
      if (resourceVersion != null) {
        test("/metadata/resourceVersion", resourceVersion);
      }
      return add("/metadata/annotations", Map.of(key, value));
    }
    return add("/metadata/annotations/" + escape(key), value);
  }

  List<Map<String, Object>> ops() {
    return List.copyOf(ops);
  }

  private JsonPatch op(String op, String path, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    m.put("value", value);
    ops.add(m);
    return this;
  }
}
