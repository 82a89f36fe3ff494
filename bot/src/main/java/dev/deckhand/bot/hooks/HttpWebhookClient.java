package dev.deckhand.bot.hooks;

import dev.deckhand.commands.ports.WebhookClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/** Post-deploy hooks over the JDK's HTTP client; redirects are not followed. Thread-safe. */
public final class HttpWebhookClient implements WebhookClient {
  /** Characters of an answer kept for the message. */
  private static final int EXCERPT = 200;

  private final HttpClient client;

  /**
   * @param executor completes the HTTP client's futures; the bot shares one small executor among
   *     its HTTP clients
   */
  public HttpWebhookClient(Duration connectTimeout, Executor executor) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
  }

  @Override
  public Response send(
      String method, URI url, Map<String, String> headers, String body, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (!body.isEmpty() && headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
      request.header(
          "Content-Type", body.strip().startsWith("{") ? "application/json" : "text/plain");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body() == null ? "" : response.body();
      String firstLine = text.lines().findFirst().orElse("");
      return new Response(
          response.statusCode(),
          firstLine.length() > EXCERPT ? firstLine.substring(0, EXCERPT) : firstLine);
    } catch (IOException e) {
      throw new Failure("no answer: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted");
    } catch (IllegalArgumentException e) {
      throw new Failure("cannot send: " + e.getMessage());
    }
  }
}
