package dev.deckhand.commands.engine;

import dev.deckhand.commands.ports.WebhookClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver that records every request and answers from a script (then 200). Thread-safe.
 */
final class FakeWebhooks implements WebhookClient {
  record Call(String method, URI url, Map<String, String> headers, String body) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Queue<Object> script = new ConcurrentLinkedQueue<>();

  /** The next requests get these: a status code (Integer) or a {@link Failure} to throw. */
  void script(Object... answers) {
    script.addAll(List.of(answers));
  }

  private volatile Runnable onCall = () -> {};

  /**
   * Runs after a request arrived, before it is answered (a {@link Hang} there: a killed caller).
   */
  void onCall(Runnable hook) {
    onCall = hook;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public Response send(
      String method, URI url, Map<String, String> headers, String body, Duration timeout) {
    calls.add(new Call(method, url, Map.copyOf(headers), body));
    onCall.run();
    Object next = script.poll();
    if (next instanceof Failure f) {
      throw f;
    }
    int status = next == null ? 200 : (Integer) next;
    return new Response(status, status >= 300 ? "{\"error\":\"purge quota exceeded\"}" : "{}");
  }
}
