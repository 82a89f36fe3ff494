package dev.deckhand.kubesim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only part of the Docker Registry HTTP API v2: version check, paginated tag lists,
 * manifests by tag or digest (GET and HEAD) and config blobs, with the registry's JSON errors.
 * Thread-safe.
 */
final class RegistryHandler implements HttpHandler {

  private static final String JSON = "application/json";

  private final RegistryCatalog catalog;
  private final ObjectMapper mapper = new ObjectMapper();

  RegistryHandler(RegistryCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if ("PUT".equals(method) && path.startsWith("/v2/") && path.contains("/manifests/")) {
        int at = path.lastIndexOf("/manifests/");
        put(exchange, path.substring(4, at), path.substring(at + "/manifests/".length()));
      } else if ("POST".equals(method)
          && path.startsWith("/v2/")
          && path.endsWith("/blobs/uploads/")) {
        mount(exchange, path.substring(4, path.length() - "/blobs/uploads/".length()));
      } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
        error(exchange, 405, "UNSUPPORTED", "The operation is unsupported.", Map.of());
      } else if ("/v2/".equals(path) || "/v2".equals(path)) {
        LoopbackHttp.send(exchange, 200, JSON, bytes("{}"));
      } else if (path.startsWith("/v2/") && path.endsWith("/tags/list")) {
        tags(exchange, path.substring(4, path.length() - "/tags/list".length()));
      } else if (path.startsWith("/v2/") && path.contains("/manifests/")) {
        int at = path.lastIndexOf("/manifests/");
        manifest(exchange, path.substring(4, at), path.substring(at + "/manifests/".length()));
      } else if (path.startsWith("/v2/") && path.contains("/blobs/")) {
        int at = path.lastIndexOf("/blobs/");
        blob(exchange, path.substring(4, at), path.substring(at + "/blobs/".length()));
      } else {
        error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry", Map.of());
      }
    }
  }

  private void tags(HttpExchange exchange, String repository) throws IOException {
    Optional<List<String>> known = catalog.tags(repository);
    if (known.isEmpty()) {
      error(
          exchange,
          404,
          "NAME_UNKNOWN",
          "repository name not known to registry",
          Map.of("name", repository));
      return;
    }
    List<String> tags = known.get();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    int from = 0;
    if (query.containsKey("last")) {
      int last = tags.indexOf(query.get("last"));
      from = last < 0 ? tags.size() : last + 1;
    }
    int to = tags.size();
    if (query.containsKey("n")) {
      try {
        to = Math.min(tags.size(), from + Math.max(0, Integer.parseInt(query.get("n"))));
      } catch (NumberFormatException e) {
        error(
            exchange,
            400,
            "PAGINATION_NUMBER_INVALID",
            "invalid number of results requested",
            Map.of("n", query.get("n")));
        return;
      }
    }
    List<String> page = tags.subList(from, to);
    if (to < tags.size() && !page.isEmpty()) {
      exchange
          .getResponseHeaders()
          .set(
              "Link",
              "</v2/"
                  + repository
                  + "/tags/list?n="
                  + query.get("n")
                  + "&last="
                  + page.get(page.size() - 1)
                  + ">; rel=\"next\"");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", repository);
    body.put("tags", page);
    LoopbackHttp.send(exchange, 200, JSON, json(body));
  }

  private void manifest(HttpExchange exchange, String repository, String reference)
      throws IOException {
    if (!catalog.hasRepository(repository)) {
      error(
          exchange,
          404,
          "NAME_UNKNOWN",
          "repository name not known to registry",
          Map.of("name", repository));
      return;
    }
    Optional<RegistryCatalog.Manifest> manifest = catalog.manifest(repository, reference);
    if (manifest.isEmpty()) {
      error(
          exchange,
          404,
          "MANIFEST_UNKNOWN",
          "manifest unknown",
          Map.of(reference.startsWith("sha256:") ? "Digest" : "Tag", reference));
      return;
    }
    exchange.getResponseHeaders().set("Docker-Content-Digest", manifest.get().digest());
    exchange.getResponseHeaders().set("Etag", "\"" + manifest.get().digest() + "\"");
    LoopbackHttp.send(exchange, 200, manifest.get().mediaType(), manifest.get().body());
  }

  private void put(HttpExchange exchange, String repository, String reference) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String mediaType =
        type == null || type.isBlank() ? RegistryCatalog.MANIFEST_TYPE : type.split(";")[0].trim();
    try {
      String digest = catalog.put(repository, reference, mediaType, body);
      exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
      exchange.getResponseHeaders().set("Location", "/v2/" + repository + "/manifests/" + digest);
      LoopbackHttp.send(exchange, 201, JSON, new byte[0]);
    } catch (RegistryCatalog.Refusal e) {
      error(exchange, 400, e.code, e.getMessage(), Map.of());
    }
  }

  /** Only cross-repository mounts: this registry takes no uploads. */
  private void mount(HttpExchange exchange, String repository) throws IOException {
    exchange.getRequestBody().readAllBytes();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String digest = query.get("mount");
    String from = query.get("from");
    if (digest == null || from == null) {
      error(exchange, 405, "UNSUPPORTED", "this registry accepts only blob mounts", Map.of());
    } else if (catalog.mount(repository, digest, from)) {
      exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
      exchange.getResponseHeaders().set("Location", "/v2/" + repository + "/blobs/" + digest);
      LoopbackHttp.send(exchange, 201, JSON, new byte[0]);
    } else {
      error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry", Map.of("digest", digest));
    }
  }

  private void blob(HttpExchange exchange, String repository, String digest) throws IOException {
    Optional<byte[]> blob = catalog.blob(repository, digest);
    if (blob.isEmpty()) {
      error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry", Map.of("digest", digest));
      return;
    }
    exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
    LoopbackHttp.send(exchange, 200, RegistryCatalog.CONFIG_TYPE, blob.get());
  }

  private void error(
      HttpExchange exchange, int code, String error, String message, Map<String, String> detail)
      throws IOException {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("code", error);
    entry.put("message", message);
    entry.put("detail", detail);
    LoopbackHttp.send(exchange, code, JSON, json(Map.of("errors", List.of(entry))));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private byte[] json(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a registry answer", e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
