package dev.deckhand.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a process every {@code period}: VmRSS, threads, and its connections to the simulated API
 * server. Runs until closed; its samples are kept in order. Thread-safe.
 */
final class Sampler implements AutoCloseable {
  record Sample(long nanos, double rssMib, int threads, int apiConnections) {}

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Daemon.named("sampler"));
  private final List<Sample> samples = new CopyOnWriteArrayList<>();

  Sampler(long pid, int apiPort, long periodMillis) {
    timer.scheduleAtFixedRate(
        () ->
            samples.add(
                new Sample(
                    System.nanoTime(),
                    ProcStats.rssMib(pid),
                    ProcStats.threads(pid),
                    ProcStats.connectionsTo(pid, apiPort))),
        0,
        periodMillis,
        TimeUnit.MILLISECONDS);
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  double maxRss() {
    return samples.stream().mapToDouble(Sample::rssMib).max().orElse(Double.NaN);
  }

  int maxThreads() {
    return samples.stream().mapToInt(Sample::threads).max().orElse(-1);
  }

  int maxConnections() {
    return samples.stream().mapToInt(Sample::apiConnections).max().orElse(-1);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
