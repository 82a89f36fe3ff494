package dev.deckhand.bot.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.ports.HealthProbe;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs health checks with the JDK's HTTP client: the status must match, the answer must come within
 * the check's latency bound if it has one, and each expected JSON field must be present with the
 * expected value (strings, numbers and booleans; {@code *} accepts any value): a plain name is the
 * first field of that name at any depth, a dotted path is followed from the top. Thread-safe.
 */
public final class HttpHealthProbe implements HealthProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;

  /**
   * @param executor completes the HTTP client's futures (it must not be a thread that waits for
   *     them); the bot shares one small executor among all its HTTP clients
   */
  public HttpHealthProbe(Duration connectTimeout, Executor executor) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .executor(executor)
            .build();
  }

  @Override
  public Result check(HealthCheck check) {
    HttpRequest request =
        HttpRequest.newBuilder(check.url()).timeout(check.timeout()).GET().build();
    try {
      long started = System.nanoTime();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      if (response.statusCode() != check.expectStatus()) {
        return new Result(
            false, "answered " + response.statusCode() + ", expected " + check.expectStatus());
      }
      if (check.maxLatency() != null && took.compareTo(check.maxLatency()) > 0) {
        return new Result(
            false,
            "answered in "
                + took.toMillis()
                + " ms, more than the "
                + check.maxLatency().toMillis()
                + " ms allowed");
      }
      JsonNode parsed = null;
      for (Map.Entry<String, String> e : check.expectJson().entrySet()) {
        String actual;
        if (isPath(e.getKey())) {
          if (parsed == null) {
            parsed = parse(response.body());
          }
          if (parsed == null) {
            return new Result(false, "the answer is not JSON, so it has no '" + e.getKey() + "'");
          }
          actual = at(parsed, e.getKey());
        } else {
          actual = field(response.body(), e.getKey());
        }
        if (actual == null) {
          return new Result(false, "no field '" + e.getKey() + "' in the answer");
        }
        if (!e.getValue().equals("*") && !e.getValue().equals(actual)) {
          return new Result(
              false,
              "field '" + e.getKey() + "' is '" + actual + "', expected '" + e.getValue() + "'");
        }
      }
      return new Result(true, "answered " + response.statusCode());
    } catch (IOException e) {
      return new Result(
          false, "unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    }
  }

  /** A dotted path ({@code checks.db.status}) rather than a field name. */
  static boolean isPath(String key) {
    return key.contains(".");
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The value at a dotted path from the top of the document (object fields by name, array items by
   * index), as {@link #field} shows values; null when the path leads nowhere.
   */
  static String at(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.", -1)) {
      if (node == null) {
        return null;
      }
      node =
          node.isArray() && part.matches("\\d{1,9}")
              ? node.get(Integer.parseInt(part))
              : node.get(part);
    }
    if (node == null || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return "<object>";
    }
    if (node.isArray()) {
      return "<array>";
    }
    return node.isNull() ? "null" : node.asText();
  }

  /**
   * A field of a JSON object (scalars as text, objects and arrays as {@code <object>}/{@code
   * <array>}), or null. A pattern match, enough for health answers: the first field of that name
   * wins, at any depth.
   */
  static String field(String json, String name) {
    Matcher m =
        Pattern.compile(
                "\""
                    + Pattern.quote(name)
                    + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9.eE+-]+|true|false|null)|([\\[{]))")
            .matcher(json);
    if (!m.find()) {
      return null;
    }
    if (m.group(4) != null) {
      return m.group(4).equals("{") ? "<object>" : "<array>";
    }
    return m.group(2) != null ? m.group(2) : m.group(3);
  }
}
