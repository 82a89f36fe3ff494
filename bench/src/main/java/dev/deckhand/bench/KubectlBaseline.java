package dev.deckhand.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Completion detection beside {@code kubectl rollout status}: one rollout at a time, started by a
 * signed {@code /deploy}; once the harness sees it rolling, {@code kubectl rollout status} is
 * started against the same simulated API server. Measured from the moment the harness's informer
 * sees the rollout complete: to kubectl's exit, and to the bot's first edit showing the rollout
 * step done. Both verdicts are compared (kubectl's exit code, the bot's final state).
 */
final class KubectlBaseline {
  static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final Duration BOUND = Duration.ofSeconds(40);

  record Result(Stats kubectl, Stats bot, int agreed, int rounds) {}

  private final SlashCommands commands;
  private final FakeSlackApi slack;
  private final RolloutObserver observer;
  private final Path kubeconfig;
  private final Path logs;
  private final HttpClient http = HttpClient.newHttpClient();

  KubectlBaseline(
      SlashCommands commands,
      FakeSlackApi slack,
      RolloutObserver observer,
      Path kubeconfig,
      Path logs) {
    this.commands = commands;
    this.slack = slack;
    this.observer = observer;
    this.kubeconfig = kubeconfig;
    this.logs = logs;
  }

  static boolean available() {
    return Files.isExecutable(KUBECTL);
  }

  Result run(List<String> services, String tag) throws IOException, InterruptedException {
    List<Double> kubectl = new ArrayList<>();
    List<Double> bot = new ArrayList<>();
    int agreed = 0;
    for (String s : services) {
      long t0 = System.nanoTime();
      HttpResponse<Void> ack =
          http.send(
              commands.request("deploy " + s + " " + tag, SlashCommands.USER, "kubectl-" + s),
              HttpResponse.BodyHandlers.discarding());
      if (ack.statusCode() != 200) {
        continue;
      }
      long deadline = t0 + BOUND.toNanos();
      while (System.nanoTime() < deadline
          && observer.since(s, t0).stream().allMatch(RolloutObserver.Change::complete)) {
        Thread.sleep(5);
      }
      Process p =
          new ProcessBuilder(
                  KUBECTL.toString(),
                  "--kubeconfig",
                  kubeconfig.toString(),
                  "--context",
                  World.CLUSTER,
                  "-n",
                  World.NAMESPACE,
                  "rollout",
                  "status",
                  "deployment/" + s,
                  "--timeout=" + BOUND.toSeconds() + "s")
              .redirectErrorStream(true)
              .redirectOutput(logs.resolve("kubectl-" + s + ".out").toFile())
              .start();
      boolean exited = p.waitFor(BOUND.toSeconds() + 5, TimeUnit.SECONDS);
      long exitedAt = System.nanoTime();
      if (!exited) {
        p.destroyForcibly();
        continue;
      }
      long completed = observer.completedAt(s, t0);
      long botDone = awaitBot(s, t0, deadline);
      boolean botSucceeded = botDone > 0 && finalText(s, t0).contains("succeeded");
      if (completed > 0) {
        kubectl.add((exitedAt - completed) / 1e6);
        if (botDone > 0) {
          bot.add((botDone - completed) / 1e6);
        }
      }
      if ((p.exitValue() == 0) == botSucceeded) {
        agreed++;
      }
    }
    return new Result(Stats.of(kubectl), Stats.of(bot), agreed, services.size());
  }

  /** When the bot's message first showed the rollout step done; waits for its final state. */
  private long awaitBot(String service, long t0, long deadline) throws InterruptedException {
    while (System.nanoTime() < deadline && finalText(service, t0).isEmpty()) {
      Thread.sleep(20);
    }
    String ts = messageOf(service, t0);
    return slack
        .calls(
            c ->
                c.method().equals("chat.update")
                    && c.ok()
                    && ts != null
                    && ts.equals(c.ts())
                    && c.body().contains("✅ roll out"))
        .stream()
        .mapToLong(FakeSlackApi.Call::arrivedNanos)
        .min()
        .orElse(-1);
  }

  private String messageOf(String service, long t0) {
    return slack
        .calls(
            c ->
                c.method().equals("chat.postMessage")
                    && c.ok()
                    && c.threadTs() == null
                    && c.arrivedNanos() >= t0
                    && c.text().contains("deploy " + service + " "))
        .stream()
        .map(FakeSlackApi.Call::ts)
        .findFirst()
        .orElse(null);
  }

  private String finalText(String service, long t0) {
    String ts = messageOf(service, t0);
    return slack
        .calls(
            c ->
                c.method().equals("chat.update")
                    && c.ok()
                    && ts != null
                    && ts.equals(c.ts())
                    && c.text().matches(".*— (succeeded|failed|rolled-back) after.*"))
        .stream()
        .map(FakeSlackApi.Call::text)
        .findFirst()
        .orElse("");
  }
}
