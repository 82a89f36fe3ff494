package dev.deckhand.bot.health;

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
 * Runs health checks with the JDK's HTTP client: the status must match, and each expected top-level
 * JSON field must be present with the expected value (strings, numbers and booleans; {@code *}
 * accepts any value). Thread-safe.
 */
public final class HttpHealthProbe implements HealthProbe {
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
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != check.expectStatus()) {
        return new Result(
            false, "answered " + response.statusCode() + ", expected " + check.expectStatus());
      }
      for (Map.Entry<String, String> e : check.expectJson().entrySet()) {
        String actual = field(response.body(), e.getKey());
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
