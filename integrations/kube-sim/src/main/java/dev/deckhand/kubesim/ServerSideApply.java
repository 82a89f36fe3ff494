package dev.deckhand.kubesim;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side apply ({@code PATCH} with {@code Content-Type: application/apply-patch+yaml}), which
 * the CRUD dispatcher does not do: an absent object is created from the applied one; a present one
 * gets the applied fields by JSON merge-patch semantics (maps merged, lists and scalars replaced),
 * an accepted stand-in for the real field-ownership merge as long as one manager applies. The field
 * manager (query {@code fieldManager}) gets a {@code metadata.managedFields} entry with operation
 * {@code Apply}. Conflicts are not detected ({@code force} is implied).
 */
final class ServerSideApply {
  private final KubernetesCrudDispatcher crud;

  ServerSideApply(KubernetesCrudDispatcher crud) {
    this.crud = crud;
  }

  static boolean isApply(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    return "PATCH".equals(request.getMethod())
        && type != null
        && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/apply-patch");
  }

  @SuppressWarnings("unchecked")
  MockResponse handle(RecordedRequest request, String path, String query) {
    Map<String, Object> applied;
    try {
      applied = Serialization.unmarshal(request.getUtf8Body(), Map.class);
    } catch (RuntimeException e) {
      return SimDispatcher.failure(400, "BadRequest", "the applied object is not YAML or JSON");
    }
    if (applied == null || !(applied.get("metadata") instanceof Map<?, ?>)) {
      return SimDispatcher.failure(400, "BadRequest", "the applied object has no metadata");
    }
    String manager = param(query, "fieldManager");
    if (manager == null || manager.isEmpty()) {
      return SimDispatcher.failure(
          400, "BadRequest", "fieldManager is required for apply requests");
    }
    Map<String, Object> metadata =
        new LinkedHashMap<>((Map<String, Object>) applied.get("metadata"));
    metadata.remove("resourceVersion");
    metadata.remove("managedFields");
    String namespace = namespaceOf(path);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    MockResponse existing = crud.handleGet(path);
    List<Object> fields = new ArrayList<>();
    Map<String, Object> live = null;
    if (existing.code() == 200) {
      live = Serialization.unmarshal(existing.getBody().readUtf8(), Map.class);
      Object meta = live.get("metadata");
      if (meta instanceof Map<?, ?> m && m.get("managedFields") instanceof List<?> old) {
        for (Object entry : old) {
          if (!(entry instanceof Map<?, ?> e
              && manager.equals(e.get("manager"))
              && "Apply".equals(e.get("operation")))) {
            fields.add(entry);
          }
        }
      }
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("manager", manager);
    entry.put("operation", "Apply");
    entry.put("apiVersion", applied.get("apiVersion"));
    entry.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    entry.put("fieldsType", "FieldsV1");
    fields.add(entry);
    metadata.put("managedFields", fields);
    Map<String, Object> body = new LinkedHashMap<>(applied);
    body.put("metadata", metadata);
    body.remove("status");
    if ("Secret".equals(body.get("kind")) && body.get("stringData") instanceof Map<?, ?> plain) {
      // as the API server does: stringData is written into data, base64-encoded
      Map<String, Object> data =
          body.get("data") instanceof Map<?, ?> d
              ? new LinkedHashMap<>((Map<String, Object>) d)
              : new LinkedHashMap<>();
      plain.forEach(
          (k, v) ->
              data.put(
                  String.valueOf(k),
                  java.util.Base64.getEncoder()
                      .encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
      body.remove("stringData");
      body.put("data", data);
    }
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    if (live != null) {
      Map<String, Object> merged = (Map<String, Object>) merge(live, body);
      Buffer json = new Buffer(Serialization.asJson(merged).getBytes(StandardCharsets.UTF_8));
      return crud.dispatch(
          new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path, headers, json));
    }
    Buffer json = new Buffer(Serialization.asJson(body).getBytes(StandardCharsets.UTF_8));
    if (existing.code() != 404) {
      return existing;
    }
    String collection = path.substring(0, path.lastIndexOf('/'));
    return crud.dispatch(
        new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection, headers, json));
  }

  /** RFC 7386 JSON merge patch: maps merged key by key, null removes, anything else replaces. */
  @SuppressWarnings("unchecked")
  static Object merge(Object target, Object patch) {
    if (!(patch instanceof Map<?, ?> p)) {
      return patch;
    }
    Map<String, Object> out =
        target instanceof Map<?, ?> t
            ? new LinkedHashMap<>((Map<String, Object>) t)
            : new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : p.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (e.getValue() == null) {
        out.remove(key);
      } else {
        out.put(key, merge(out.get(key), e.getValue()));
      }
    }
    return out;
  }

  private static String namespaceOf(String path) {
    String[] parts = path.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if ("namespaces".equals(parts[i]) && i + 2 < parts.length) {
        return parts[i + 1];
      }
    }
    return null;
  }

  private static String param(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
