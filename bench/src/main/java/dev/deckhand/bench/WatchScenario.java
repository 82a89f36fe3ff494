package dev.deckhand.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * P7: every deployment rolled at once through the bot while a baseline JVM watches each rollout
 * with a watch of its own; both processes sampled every 500 ms for threads, resident memory and
 * established connections to the simulated API server, until the rollouts completed (by the
 * harness's informer) or the bound.
 */
final class WatchScenario {
  record Result(
      int rollouts,
      int completed,
      Sampler.Sample botBefore,
      int botConnections,
      int botThreads,
      double botRss,
      Sampler.Sample baselineBefore,
      int baselineConnections,
      int baselineThreads,
      double baselineRss,
      String baselineDone) {}

  private final SlashCommands commands;
  private final RolloutObserver observer;
  private final HttpClient http = HttpClient.newHttpClient();

  WatchScenario(SlashCommands commands, RolloutObserver observer) {
    this.commands = commands;
    this.observer = observer;
  }

  Result run(World world, long botPid, String tag, Path logs, Duration bound)
      throws IOException, InterruptedException {
    int n = world.services();
    int port = world.apiPort();
    try (ChildJvm baseline =
        ChildJvm.start(
            WatchPerRollout.class,
            BotJvm.HEAP,
            List.of(
                world.cluster().masterUrl(),
                World.NAMESPACE,
                "svc-",
                String.valueOf(n),
                String.valueOf(bound.toSeconds())),
            logs.resolve("watch-per-rollout.stderr"))) {
      baseline.awaitLine("watching ", Duration.ofSeconds(60));
      Sampler.Sample botBefore = sample(botPid, port);
      Sampler.Sample baseBefore = sample(baseline.pid(), port);
      long t0 = System.nanoTime();
      try (Sampler bot = new Sampler(botPid, port, 500);
          Sampler base = new Sampler(baseline.pid(), port, 500)) {
        List<CompletableFuture<HttpResponse<Void>>> acks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          acks.add(
              http.sendAsync(
                  commands.request(
                      "deploy " + World.name(i) + " " + tag, SlashCommands.USER, "p7-" + i),
                  HttpResponse.BodyHandlers.discarding()));
        }
        for (var ack : acks) {
          ChildJvm.get(ack, Duration.ofSeconds(30));
        }
        long deadline = t0 + bound.toNanos();
        while (System.nanoTime() < deadline && completed(n, t0) < n) {
          Thread.sleep(250);
        }
        String done = baseline.awaitLine("done ", Duration.ofSeconds(bound.toSeconds() + 10));
        return new Result(
            n,
            completed(n, t0),
            botBefore,
            bot.maxConnections(),
            bot.maxThreads(),
            bot.maxRss(),
            baseBefore,
            base.maxConnections(),
            base.maxThreads(),
            base.maxRss(),
            done);
      }
    }
  }

  private int completed(int n, long t0) {
    int done = 0;
    for (int i = 0; i < n; i++) {
      if (observer.completedAt(World.name(i), t0) > 0) {
        done++;
      }
    }
    return done;
  }

  static Sampler.Sample sample(long pid, int port) {
    return new Sampler.Sample(
        System.nanoTime(),
        ProcStats.rssMib(pid),
        ProcStats.threads(pid),
        ProcStats.connectionsTo(pid, port));
  }
}
