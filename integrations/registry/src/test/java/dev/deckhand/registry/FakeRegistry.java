package dev.deckhand.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Registry API v2 peer on 127.0.0.1 for the *IT tests: tag lists with Link pagination, manifests
 * (HEAD/GET), basic or bearer authentication with a token endpoint on the same server, and injected
 * 5xx failures. Records every request. Behaviour is set through {@link FakeBehaviour}.
 */
final class FakeRegistry implements AutoCloseable {
  private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** One request as the fake saw it. */
  record Request(String method, String target, String authorization, String accept) {}

  final FakeBehaviour behaviour = new FakeBehaviour();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger tokensIssued = new AtomicInteger();
  private final Map<String, List<String>> tags = new ConcurrentHashMap<>();
  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpServer server;

  FakeRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Adds a repository with its tags in registry order (distribution's is lexical). */
  void repo(String repo, String... tagNames) {
    tags.put(repo, List.of(tagNames));
  }

  void manifest(String repo, String tag, byte[] body) {
    manifests.put(repo + ":" + tag, body);
  }

  /** Accepts {@code token} as a bearer token, as if this fake had issued it. */
  void trustToken(String token) {
    validTokens.add(token);
  }

  long count(String method, String pathPrefix) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.target().startsWith(pathPrefix))
        .count();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      URI uri = ex.getRequestURI();
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      requests.add(
          new Request(
              ex.getRequestMethod(),
              target,
              ex.getRequestHeaders().getFirst("Authorization"),
              ex.getRequestHeaders().getFirst("Accept")));
      if (uri.getPath().equals("/token")) {
        token(ex);
        return;
      }
      if (behaviour.takeFailure()) {
        send(ex, 500, "{\"errors\":[{\"code\":\"UNKNOWN\"}]}");
        return;
      }
      Matcher t = TAGS.matcher(uri.getPath());
      Matcher m = MANIFEST.matcher(uri.getPath());
      String repo = t.matches() ? t.group(1) : m.matches() ? m.group(1) : "";
      if (!authorized(ex, repo)) {
        return;
      }
      if (t.matches()) {
        tagList(ex, repo, query(uri));
      } else if (m.matches()) {
        manifest(ex, repo, m.group(2));
      } else {
        send(ex, 404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
      }
    } finally {
      ex.close();
    }
  }

  private void token(HttpExchange ex) throws IOException {
    Credentials user = behaviour.user();
    String given = ex.getRequestHeaders().getFirst("Authorization");
    if (given != null && (user == null || !given.equals(BasicAuth.header(user)))
        || given == null && user != null) {
      send(ex, 401, "{\"details\":\"incorrect username or password\"}");
      return;
    }
    String token = "tok-" + tokensIssued.incrementAndGet();
    validTokens.add(token);
    String field = behaviour.usingAccessTokenField() ? "access_token" : "token";
    Integer expiresIn = behaviour.expiresIn();
    send(
        ex,
        200,
        "{\""
            + field
            + "\":\""
            + token
            + "\""
            + (expiresIn == null ? "" : ",\"expires_in\":" + expiresIn)
            + ",\"issued_at\":\"2026-05-19T10:00:00Z\"}");
  }

  private boolean authorized(HttpExchange ex, String repo) throws IOException {
    String given = ex.getRequestHeaders().getFirst("Authorization");
    switch (behaviour.auth()) {
      case BASIC:
        if (behaviour.user() != null && BasicAuth.header(behaviour.user()).equals(given)) {
          return true;
        }
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
        break;
      case BEARER:
        if (given != null
            && given.startsWith("Bearer ")
            && validTokens.contains(given.substring(7))
            && !behaviour.rejectingTokens()) {
          return true;
        }
        ex.getResponseHeaders()
            .add(
                "WWW-Authenticate",
                "Bearer realm=\""
                    + (behaviour.realm() == null ? baseUrl() + "/token" : behaviour.realm())
                    + "\",service=\"fake-registry\","
                    + "scope=\"repository:"
                    + repo
                    + ":pull\"");
        break;
      default:
        return true;
    }
    send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    return false;
  }

  private void tagList(HttpExchange ex, String repo, Map<String, String> query) throws IOException {
    List<String> all = tags.get(repo);
    if (all == null) {
      send(ex, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"detail\":{\"name\":\"x\"}}]}");
      return;
    }
    int n = Integer.parseInt(query.getOrDefault("n", "1000"));
    int from = query.containsKey("last") ? all.indexOf(query.get("last")) + 1 : 0;
    List<String> page = all.subList(from, Math.min(all.size(), from + n));
    String link = behaviour.linkOverride();
    if (link == null && from + n < all.size()) {
      link =
          (behaviour.usingAbsoluteLinks() ? baseUrl().toString() : "")
              + "/v2/"
              + repo
              + "/tags/list?n="
              + n
              + "&last="
              + page.get(page.size() - 1);
    }
    if (link != null) {
      ex.getResponseHeaders().add("Link", "<" + link + ">; rel=\"next\"");
    }
    String json = page.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
    send(
        ex,
        200,
        "{\"name\":\"" + repo + "\",\"tags\":" + (all.isEmpty() ? "null" : "[" + json + "]") + "}");
  }

  private void manifest(HttpExchange ex, String repo, String tag) throws IOException {
    byte[] body = manifests.get(repo + ":" + tag);
    if (body == null) {
      send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
      return;
    }
    ex.getResponseHeaders().add("Content-Type", OCI_MANIFEST);
    if (behaviour.digestHeader()) {
      ex.getResponseHeaders().add("Docker-Content-Digest", HttpImageRegistry.sha256(body));
    }
    send(ex, 200, body);
  }

  private static Map<String, String> query(URI uri) {
    if (uri.getQuery() == null) {
      return Map.of();
    }
    return java.util.Arrays.stream(uri.getQuery().split("&"))
        .map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : ""));
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.getResponseHeaders().putIfAbsent("Content-Type", List.of("application/json"));
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
  }
}
