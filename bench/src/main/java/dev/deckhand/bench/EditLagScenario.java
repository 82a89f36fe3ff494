package dev.deckhand.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.deckhand.bench.FakeSlackApi.Call;
import dev.deckhand.bench.RolloutObserver.Change;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P3 and P5: {@code n} deploys sent at once, then, per deployment, how long each visible change of
 * its status (seen by the harness's own informer) took to show in the channel: the first successful
 * {@code chat.update} of its live message, or post or edit of the channel's board (ADR 0008), after
 * the change that shows that state or a later one. Also the edit rates the fake saw (the board is a
 * message like the others), the final states on the board and in each operation's own message, and
 * with 429s the calls that came before their Retry-After.
 */
final class EditLagScenario {
  private static final Pattern HEADER = Pattern.compile("deploy (svc-\\d{3}) ");
  private static final Pattern COUNTS =
      Pattern.compile("(\\d+)/(\\d+) updated\\D+(\\d+) ready\\D+(\\d+) available");
  private static final Pattern FINAL = Pattern.compile("— (succeeded|failed|rolled-back) after");

  /** How a channel's board (ADR 0008) starts its text. */
  static final String BOARD_TITLE = "Live board";

  /**
   * What one run measured. Rates count every call the fake received, refused ones included.
   *
   * @param lag from a status change to the first view (own message or board) that shows it
   * @param finalLag from completion to the first view that shows the final state
   * @param ownFinalLag from completion to the final edit of the operation's own message
   * @param boards boards posted during the run
   * @param earlySameMessage calls to a message before the Retry-After of a 429 on that message
   * @param earlyWorkspace chat.update calls before the Retry-After of any 429 on chat.update
   */
  record Result(
      int rollouts,
      Stats lag,
      Stats finalLag,
      int finalsDelivered,
      Stats ownFinalLag,
      int ownFinalsDelivered,
      int boards,
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
    // Until every operation's own message has its final too: the board shows them earlier.
    while (System.nanoTime() < deadline && ownFinals(t0) < services.size()) {
      Thread.sleep(250);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return measure(services, t0, seconds);
  }

  /** Service → when the channel first showed its final state, on its own message or the board. */
  private Map<String, Long> finals(long t0) {
    Map<String, Long> finals = new HashMap<>();
    views(t0)
        .forEach(
            (service, views) ->
                views.stream()
                    .filter(v -> FINAL.matcher(v.shown()).find())
                    .findFirst()
                    .ifPresent(v -> finals.put(service, v.nanos())));
    return finals;
  }

  /** How many operations' own messages show their final state. */
  private long ownFinals(long t0) {
    return views(t0).values().stream()
        .filter(v -> v.stream().anyMatch(x -> !x.onBoard() && FINAL.matcher(x.shown()).find()))
        .count();
  }

  /** Live message ts → service, from the top-level posts since {@code t0}. */
  private Map<String, String> messages(long t0) {
    Map<String, String> out = new HashMap<>();
    for (Call c : posts(t0)) {
      Matcher m = HEADER.matcher(c.text());
      if (m.find() && !c.text().startsWith(BOARD_TITLE)) {
        out.putIfAbsent(c.ts(), m.group(1));
      }
    }
    return out;
  }

  /** The ts of the boards posted since {@code t0}. */
  private Set<String> boards(long t0) {
    Set<String> out = new HashSet<>();
    for (Call c : posts(t0)) {
      if (c.text().startsWith(BOARD_TITLE)) {
        out.add(c.ts());
      }
    }
    return out;
  }

  private List<Call> posts(long t0) {
    return slack.calls(
        c ->
            c.method().equals("chat.postMessage")
                && c.ok()
                && c.threadTs() == null
                && c.arrivedNanos() >= t0);
  }

  /**
   * What the channel showed of one service, in order of arrival: every accepted edit of its own
   * message (all of it), and its line on every accepted post or edit of a board.
   */
  record View(long nanos, String shown, boolean onBoard) {}

  private Map<String, List<View>> views(long t0) {
    Map<String, String> service = messages(t0);
    Set<String> boards = boards(t0);
    Map<String, List<View>> out = new HashMap<>();
    for (Call c :
        slack.calls(
            c ->
                c.ok()
                    && c.arrivedNanos() >= t0
                    && (c.method().equals("chat.update") || c.method().equals("chat.postMessage"))
                    && c.ts() != null)) {
      if (boards.contains(c.ts())) {
        for (String line : boardLines(c.body())) {
          Matcher m = HEADER.matcher(line);
          if (m.find()) {
            out.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                .add(new View(c.arrivedNanos(), line, true));
          }
        }
      } else if (c.method().equals("chat.update") && service.containsKey(c.ts())) {
        out.computeIfAbsent(service.get(c.ts()), k -> new ArrayList<>())
            .add(new View(c.arrivedNanos(), c.body(), false));
      }
    }
    return out;
  }

  /**
   * The lines of a board as posted: the text of each of its Block Kit sections, split at newlines.
   * {@code body} is the fallback text, a newline, then the blocks' JSON. Parsed, not split as text:
   * a section's last line and the next section's first are on one line of the JSON.
   */
  static List<String> boardLines(String body) {
    int blocksAt = body.indexOf('\n');
    List<String> lines = new ArrayList<>();
    if (blocksAt < 0 || blocksAt + 1 >= body.length()) {
      return lines;
    }
    JsonElement blocks = JsonParser.parseString(body.substring(blocksAt + 1));
    if (!blocks.isJsonArray()) {
      return lines;
    }
    for (JsonElement block : blocks.getAsJsonArray()) {
      JsonObject b = block.getAsJsonObject();
      if (b.has("text") && b.get("text").isJsonObject()) {
        JsonObject text = b.getAsJsonObject("text");
        if (text.has("text")) {
          lines.addAll(List.of(text.get("text").getAsString().split("\n")));
        }
      }
    }
    return lines;
  }

  private Result measure(List<String> services, long t0, double seconds) {
    Map<String, List<View>> views = views(t0);
    List<Call> allUpdates =
        slack.calls(c -> c.method().equals("chat.update") && c.arrivedNanos() >= t0);
    Map<String, List<Call>> byMessage = new HashMap<>();
    for (Call c : allUpdates) {
      if (c.ts() != null) {
        byMessage.computeIfAbsent(c.ts(), k -> new ArrayList<>()).add(c);
      }
    }
    List<Double> lags = new ArrayList<>();
    List<Double> finalLags = new ArrayList<>();
    List<Double> ownFinalLags = new ArrayList<>();
    int unmatched = 0;
    int ownFinals = 0;
    Map<String, Long> finals = finals(t0);
    for (String s : services) {
      List<View> shown = views.getOrDefault(s, List.of());
      List<Change> changes = observer.since(s, t0);
      for (int i = 0; i < changes.size(); i++) {
        double lag = lag(changes, i, shown);
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
      var own =
          shown.stream().filter(v -> !v.onBoard() && FINAL.matcher(v.shown()).find()).findFirst();
      if (own.isPresent()) {
        ownFinals++;
        if (completed > 0) {
          ownFinalLags.add((own.get().nanos() - completed) / 1e6);
        }
      }
    }
    List<Call> all = slack.calls(c -> c.method().startsWith("chat.") && c.arrivedNanos() >= t0);
    return new Result(
        services.size(),
        Stats.of(lags),
        Stats.of(finalLags),
        finals.size(),
        Stats.of(ownFinalLags),
        ownFinals,
        boards(t0).size(),
        unmatched,
        byMessage.values().stream().mapToInt(u -> maxInWindow(u, 1_000_000_000L)).max().orElse(0),
        maxInWindow(allUpdates, 60_000_000_000L),
        (int) all.stream().filter(c -> c.status() == 429).count(),
        early(all, true),
        early(allUpdates, false),
        all.stream().mapToInt(Call::inFlightForMessage).max().orElse(0),
        seconds);
  }

  /**
   * Change {@code i} shows when a view after it shows its counts or those of a later change; a
   * final view shows every change. NaN when none does.
   */
  private static double lag(List<Change> changes, int i, List<View> views) {
    Change change = changes.get(i);
    for (View view : views) {
      if (view.nanos() < change.nanos()) {
        continue;
      }
      if (FINAL.matcher(view.shown()).find()) {
        return (view.nanos() - change.nanos()) / 1e6;
      }
      Matcher m = COUNTS.matcher(view.shown());
      if (!m.find()) {
        continue;
      }
      String shown = m.group(1) + "/" + m.group(2) + "/" + m.group(3) + "/" + m.group(4);
      for (int j = i; j < changes.size(); j++) {
        if (changes.get(j).counts().equals(shown)) {
          return (view.nanos() - change.nanos()) / 1e6;
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
