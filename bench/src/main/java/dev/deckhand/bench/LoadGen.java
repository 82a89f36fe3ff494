package dev.deckhand.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The P1 load generator, run in a JVM of its own: open-loop signed slash commands ({@code /deckhand
 * whoami}) to one endpoint, first {@code rate}/s for {@code seconds}, then {@code bursts} bursts of
 * {@code burstSize} requests spread over one second each. Sends are scheduled on the clock, not
 * after the previous answer, so a slow server cannot slow the load down. Prints one line per
 * request, {@code ack <phase> <microseconds> <status>}, then {@code done}.
 *
 * <p>Usage: {@code LoadGen <base-url> <signing-secret> <label> <rate> <seconds> <bursts>
 * <burst-size> <burst-gap-ms>}. The secret is the benchmark's own, generated per run.
 */
public final class LoadGen {
  private static final Duration DRAIN = Duration.ofSeconds(15);

  private LoadGen() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    SlashCommands commands = new SlashCommands(base, args[1]);
    String label = args[2];
    int rate = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    int bursts = Integer.parseInt(args[5]);
    int burstSize = Integer.parseInt(args[6]);
    long gapMillis = Long.parseLong(args[7]);

    ExecutorService io = Executors.newFixedThreadPool(4, Daemon.named("loadgen-io"));
    ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(Daemon.named("loadgen-clock"));
    HttpClient http =
        HttpClient.newBuilder()
            .executor(io)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(SlashCommands.TIMEOUT)
            .build();
    List<CompletableFuture<String>> results = new ArrayList<>();
    long t0 = System.nanoTime() + 200_000_000L;
    int n = 0;
    for (int i = 0; i < rate * seconds; i++) {
      results.add(
          schedule(
              clock, http, commands, label, n++, "sustained", t0 + i * (1_000_000_000L / rate)));
    }
    long burstStart = t0 + seconds * 1_000_000_000L + gapMillis * 1_000_000L;
    for (int b = 0; b < bursts; b++) {
      long start = burstStart + b * (1_000_000_000L + gapMillis * 1_000_000L);
      for (int i = 0; i < burstSize; i++) {
        results.add(
            schedule(
                clock,
                http,
                commands,
                label,
                n++,
                "burst",
                start + i * (1_000_000_000L / burstSize)));
      }
    }
    long end = burstStart + bursts * (1_000_000_000L + gapMillis * 1_000_000L) + DRAIN.toNanos();
    for (CompletableFuture<String> r : results) {
      long left = Math.max(1, end - System.nanoTime());
      String line;
      try {
        line = r.get(left, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        line = "ack timeout -1 0";
      }
      System.out.println(line);
    }
    System.out.println("done");
    System.out.flush();
    clock.shutdownNow();
    io.shutdownNow();
  }

  private static CompletableFuture<String> schedule(
      ScheduledExecutorService clock,
      HttpClient http,
      SlashCommands commands,
      String label,
      int n,
      String phase,
      long atNanos) {
    CompletableFuture<String> result = new CompletableFuture<>();
    clock.schedule(
        () -> {
          long sent = System.nanoTime();
          http.sendAsync(
                  commands.request("whoami", SlashCommands.USER, label + "-" + n),
                  HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, failure) -> {
                    long micros = (System.nanoTime() - sent) / 1000;
                    int status = failure == null ? response.statusCode() : 0;
                    result.complete("ack " + phase + " " + micros + " " + status);
                  });
        },
        Math.max(0, atNanos - System.nanoTime()),
        TimeUnit.NANOSECONDS);
    return result;
  }
}
