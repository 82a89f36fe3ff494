package dev.deckhand.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The P1 load of {@link LoadGen} for the transports where the harness itself pushes the commands
 * (Slack Socket Mode, Discord): {@code rate}/s for {@code seconds}, then {@code bursts} bursts of
 * {@code burstSize} within one second, {@code gapMillis} apart, open-loop on the clock. {@code
 * send} takes a trigger label and completes with the microseconds to the acknowledgement, or -1.
 * Returns {@code ack <phase> <micros> <200|0>} lines as LoadGen prints them.
 */
final class OpenLoop {
  private OpenLoop() {}

  static List<String> drive(
      Function<String, CompletableFuture<Long>> send,
      String label,
      int rate,
      int seconds,
      int bursts,
      int burstSize,
      long gapMillis)
      throws InterruptedException {
    ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(Daemon.named("open-loop"));
    List<CompletableFuture<String>> results = new ArrayList<>();
    long t0 = System.nanoTime() + 200_000_000L;
    int n = 0;
    try {
      for (int i = 0; i < rate * seconds; i++) {
        results.add(
            at(clock, t0 + i * (1_000_000_000L / rate), send, label + "-" + n++, "sustained"));
      }
      long burstStart = t0 + seconds * 1_000_000_000L + gapMillis * 1_000_000L;
      for (int b = 0; b < bursts; b++) {
        long start = burstStart + b * (1_000_000_000L + gapMillis * 1_000_000L);
        for (int i = 0; i < burstSize; i++) {
          results.add(
              at(
                  clock,
                  start + i * (1_000_000_000L / burstSize),
                  send,
                  label + "-" + n++,
                  "burst"));
        }
      }
      List<String> lines = new ArrayList<>();
      for (CompletableFuture<String> r : results) {
        try {
          lines.add(r.get(seconds + bursts * 3L + 30, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
          lines.add("ack timeout -1 0");
        }
      }
      return lines;
    } finally {
      clock.shutdownNow();
    }
  }

  private static CompletableFuture<String> at(
      ScheduledExecutorService clock,
      long atNanos,
      Function<String, CompletableFuture<Long>> send,
      String trigger,
      String phase) {
    CompletableFuture<String> line = new CompletableFuture<>();
    clock.schedule(
        () ->
            send.apply(trigger)
                .whenComplete(
                    (micros, e) -> {
                      long m = e == null ? micros : -1;
                      line.complete("ack " + phase + " " + m + (m < 0 ? " 0" : " 200"));
                    }),
        Math.max(0, atNanos - System.nanoTime()),
        TimeUnit.NANOSECONDS);
    return line;
  }
}
