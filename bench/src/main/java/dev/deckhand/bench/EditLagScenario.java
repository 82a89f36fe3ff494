package dev.deckhand.bench;

import dev.deckhand.bench.FakeSlackApi.Call;
import dev.deckhand.bench.RolloutObserver.Change;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P3 and P5: {@code n} deploys sent at once, then, per deployment, how long each visible change of
 * its status (seen by the harness's own informer) took to show in its live message: the first
 * successful {@code chat.update} after the change that shows that state or a later one. Also the
 * edit rates the fake saw, the final states, and with 429s the calls that came before their
 * Retry-After.
 */
final class EditLagScenario {
  private static final Pattern HEADER = Pattern.compile("deploy (svc-\\d{3}) ");
  private static final Pattern COUNTS =
      Pattern.compile("(\\d+)/(\\d+) updated\\D+(\\d+) ready\\D+(\\d+) available");
  private static final Pattern FINAL = Pattern.compile("— (succeeded|failed|rolled-back) after");

  /**
   * What one run measured. Rates count every call the fake received, refused ones included.
   *
   * @param earlySameMessage calls to a message before the Retry-After of a 429 on that message
   * @param earlyWorkspace chat.update calls before the Retry-After of any 429 on chat.update
   */
  record Result(
      int rollouts,
      Stats lag,
      Stats finalLag,
      int finalsDelivered,
      int unmatchedChanges,
      int maxEditsPerMessagePerSecond,
      int maxUpdatesPerMinute,
      int refused,
      int earlySameMessage,
      int earlyWorkspace,
      int maxInFlightPerMessage,
      double seconds) {}

  /** Calls arriving within this after a 429 may have been sent before the bot saw it. */
  static final long GRACE_NANOS = 100_000_000L;

  private final SlashCommands commands;
  private final FakeSlackApi slack;
  private final RolloutObserver observer;
  private final HttpClient http = HttpClient.newHttpClient();

  EditLagScenario(SlashCommands commands, FakeSlackApi slack, RolloutObserver observer) {
    this.commands = commands;
    this.slack = slack;
    this.observer = observer;
  }

  /** Deploys {@code services} to {@code tag} at once and waits (bounded) for every final state. */
  Result run(List<String> services, String tag, String label, Duration bound)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    List<CompletableFuture<HttpResponse<Void>>> acks = new ArrayList<>();
    for (String s : services) {
      acks.add(
          http.sendAsync(
              commands.request("deploy " + s + " " + tag, SlashCommands.USER, label + "-" + s),
              HttpResponse.BodyHandlers.discarding()));
    }
    for (var ack : acks) {
      int status = ChildJvm.get(ack, Duration.ofSeconds(20)).statusCode();
      if (status != 200) {
        throw new IOException("a deploy was answered " + status);
      }
    }
    long deadline = t0 + bound.toNanos();
    while (System.nanoTime() < deadline && finals(t0).size() < services.size()) {
      Thread.sleep(250);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return measure(services, t0, seconds);
  }

  private Map<String, Long> finals(long t0) {
    Map<String, String> service = messages(t0);
    Map<String, Long> finals = new HashMap<>();
    for (Call c : slack.calls(c -> c.method().equals("chat.update") && c.arrivedNanos() >= t0)) {
      if (c.ok() && service.containsKey(c.ts()) && FINAL.matcher(c.text()).find()) {
        finals.putIfAbsent(service.get(c.ts()), c.arrivedNanos());
      }
    }
    return finals;
  }

  /** Live message ts → service, from the top-level posts since {@code t0}. */
  private Map<String, String> messages(long t0) {
    Map<String, String> out = new HashMap<>();
    for (Call c :
        slack.calls(
            c ->
                c.method().equals("chat.postMessage")
                    && c.ok()
                    && c.threadTs() == null
                    && c.arrivedNanos() >= t0)) {
      Matcher m = HEADER.matcher(c.text());
      if (m.find()) {
        out.putIfAbsent(c.ts(), m.group(1));
      }
    }
    return out;
  }

  private Result measure(List<String> services, long t0, double seconds) {
    Map<String, String> service = messages(t0);
    Map<String, List<Call>> updates = new HashMap<>();
    List<Call> allUpdates =
        slack.calls(c -> c.method().equals("chat.update") && c.arrivedNanos() >= t0);
    for (Call c : allUpdates) {
      if (service.containsKey(c.ts())) {
        updates.computeIfAbsent(service.get(c.ts()), k -> new ArrayList<>()).add(c);
      }
    }
    List<Double> lags = new ArrayList<>();
    List<Double> finalLags = new ArrayList<>();
    int unmatched = 0;
    Map<String, Long> finals = finals(t0);
    for (String s : services) {
      List<Call> edits = updates.getOrDefault(s, List.of()).stream().filter(Call::ok).toList();
      List<Change> changes = observer.since(s, t0);
      for (int i = 0; i < changes.size(); i++) {
        double lag = lag(changes, i, edits);
        if (Double.isNaN(lag)) {
          unmatched++;
        } else {
          lags.add(lag);
        }
      }
      long completed = observer.completedAt(s, t0);
      if (completed > 0 && finals.containsKey(s)) {
        finalLags.add((finals.get(s) - completed) / 1e6);
      }
    }
    List<Call> all = slack.calls(c -> c.method().startsWith("chat.") && c.arrivedNanos() >= t0);
    return new Result(
        services.size(),
        Stats.of(lags),
        Stats.of(finalLags),
        finals.size(),
        unmatched,
        updates.values().stream().mapToInt(u -> maxInWindow(u, 1_000_000_000L)).max().orElse(0),
        maxInWindow(allUpdates, 60_000_000_000L),
        (int) all.stream().filter(c -> c.status() == 429).count(),
        early(all, true),
        early(allUpdates, false),
        all.stream().mapToInt(Call::inFlightForMessage).max().orElse(0),
        seconds);
  }

  /**
   * Change {@code i} shows when an edit after it shows its counts or those of a later change; a
   * final edit shows every change. NaN when no edit does.
   */
  private static double lag(List<Change> changes, int i, List<Call> edits) {
    Change change = changes.get(i);
    for (Call edit : edits) {
      if (edit.arrivedNanos() < change.nanos()) {
        continue;
      }
      if (FINAL.matcher(edit.text()).find()) {
        return (edit.arrivedNanos() - change.nanos()) / 1e6;
      }
      Matcher m = COUNTS.matcher(edit.body());
      if (!m.find()) {
        continue;
      }
      String shown = m.group(1) + "/" + m.group(2) + "/" + m.group(3) + "/" + m.group(4);
      for (int j = i; j < changes.size(); j++) {
        if (changes.get(j).counts().equals(shown)) {
          return (edit.arrivedNanos() - change.nanos()) / 1e6;
        }
      }
    }
    return Double.NaN;
  }

  /** The most calls in any window of {@code windowNanos} starting at a call. */
  static int maxInWindow(List<Call> calls, long windowNanos) {
    List<Long> times = calls.stream().map(Call::arrivedNanos).sorted().toList();
    int best = 0;
    int from = 0;
    for (int to = 0; to < times.size(); to++) {
      while (times.get(to) - times.get(from) >= windowNanos) {
        from++;
      }
      best = Math.max(best, to - from + 1);
    }
    return best;
  }

  /**
   * Calls that arrived while a Retry-After was still running: for the same message ({@code
   * sameMessage}) or for the method across the workspace. Calls within {@link #GRACE_NANOS} of the
   * 429 are not counted: they may have left before the answer arrived.
   */
  static int early(List<Call> calls, boolean sameMessage) {
    int early = 0;
    for (Call refused : calls) {
      if (refused.status() != 429) {
        continue;
      }
      long from = refused.arrivedNanos() + GRACE_NANOS;
      long until = refused.arrivedNanos() + refused.retryAfterSeconds() * 1_000_000_000L;
      for (Call c : calls) {
        boolean sameTarget =
            sameMessage
                ? c.method().equals("chat.update")
                    && refused.method().equals("chat.update")
                    && c.ts() != null
                    && c.ts().equals(refused.ts())
                : c.method().equals(refused.method());
        if (c != refused && sameTarget && c.arrivedNanos() > from && c.arrivedNanos() < until) {
          early++;
        }
      }
    }
    return early;
  }
}
