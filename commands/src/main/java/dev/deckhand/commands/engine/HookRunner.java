package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Hook;
import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.ports.WebhookClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Calls a deploy's post-deploy hooks one after the other, each up to its attempts with a doubling
 * pause between (1 s, 2 s, 4 s, … by default), without holding a thread while it pauses. Never
 * fails: what went wrong is in the outcome. Secret header values are read when a hook is called and
 * never appear in an outcome.
 */
public final class HookRunner {
  /** How long one try may wait for an answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Characters of an answer's body shown for a failed hook. */
  static final int EXCERPT = 120;

  /**
   * What one hook did.
   *
   * @param detail "answered 200", or why it failed and after how many tries
   */
  public record Outcome(String hook, boolean ok, String detail) {}

  private final WebhookClient client;
  private final Executor executor;
  private final Duration firstPause;

  public HookRunner(WebhookClient client, Executor executor, Duration firstPause) {
    this.client = client;
    this.executor = executor;
    this.firstPause = firstPause;
  }

  /**
   * Calls {@code hooks} in order with these placeholder values ({@code service}, {@code env},
   * {@code tag}, {@code image}).
   */
  public CompletableFuture<List<Outcome>> run(List<Hook> hooks, Map<String, String> values) {
    CompletableFuture<List<Outcome>> all = CompletableFuture.completedFuture(new ArrayList<>());
    for (Hook hook : hooks) {
      all =
          all.thenCompose(
              outcomes ->
                  attempt(hook, values, 1)
                      .thenApply(
                          o -> {
                            outcomes.add(o);
                            return outcomes;
                          }));
    }
    return all.thenApply(List::copyOf);
  }

  private CompletableFuture<Outcome> attempt(Hook hook, Map<String, String> values, int n) {
    return CompletableFuture.supplyAsync(() -> once(hook, values), executor)
        .thenCompose(
            tried -> {
              if (tried.ok()) {
                return CompletableFuture.completedFuture(
                    new Outcome(hook.name(), true, tried.detail() + tries(n)));
              }
              if (n >= hook.attempts()) {
                return CompletableFuture.completedFuture(
                    new Outcome(
                        hook.name(),
                        false,
                        tried.detail() + (hook.attempts() == 1 ? "" : " (" + n + " tries)")));
              }
              long pause = firstPause.toMillis() << Math.min(n - 1, 10);
              Executor later =
                  CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, executor);
              return CompletableFuture.supplyAsync(() -> n + 1, later)
                  .thenCompose(next -> attempt(hook, values, next));
            });
  }

  private static String tries(int n) {
    return n == 1 ? "" : " (try " + n + ")";
  }

  private record Try(boolean ok, String detail) {}

  /** One try: ok when it answered 2xx; else why not. */
  private Try once(Hook hook, Map<String, String> values) {
    Map<String, String> headers = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, ServiceConfig.Source<String>> h : hook.headers().entrySet()) {
        headers.put(h.getKey(), h.getValue().read());
      }
    } catch (ServiceConfig.SourceException e) {
      return new Try(false, "a header could not be read: " + e.getMessage());
    } catch (RuntimeException e) {
      return new Try(false, "a header could not be read");
    }
    try {
      WebhookClient.Response r =
          client.send(hook.method(), hook.url(values), headers, hook.body(values), TIMEOUT);
      if (r.ok()) {
        return new Try(true, "answered " + r.status());
      }
      String excerpt = r.excerpt().strip();
      return new Try(
          false,
          "answered "
              + r.status()
              + (excerpt.isEmpty()
                  ? ""
                  : ": "
                      + (excerpt.length() > EXCERPT
                          ? excerpt.substring(0, EXCERPT) + "…"
                          : excerpt)));
    } catch (WebhookClient.Failure e) {
      return new Try(false, e.getMessage());
    } catch (RuntimeException e) {
      return new Try(false, "could not be called: " + e.getClass().getSimpleName());
    }
  }
}
