package dev.deckhand.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One of the harness's own programs (load generator, baselines) in a JVM of its own, on the
 * harness's class path. Its stdout lines are kept; {@link #awaitLine} waits for one starting with a
 * prefix. {@link #close()} stops it by its pid (SIGTERM, then SIGKILL), never by name.
 */
final class ChildJvm implements AutoCloseable {
  private static final Duration STOP_BOUND = Duration.ofSeconds(10);

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread pump;

  private ChildJvm(Process process) {
    this.process = process;
    this.pump = new Thread(this::pump, "child-" + process.pid());
    pump.setDaemon(true);
    pump.start();
  }

  static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> args, Path stderr)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    return new ChildJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start());
  }

  long pid() {
    return process.pid();
  }

  /** The first line starting with {@code prefix}, waiting up to {@code bound}. */
  String awaitLine(String prefix, Duration bound) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      if (!process.isAlive() && !pump.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new IOException(
        "no line '" + prefix + "…' from " + process.info().command().orElse("a child JVM"));
  }

  /** Waits (bounded) for the program to end; every line it printed. */
  List<String> awaitExit(Duration bound) throws IOException, InterruptedException {
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new IOException("child JVM " + pid() + " did not end within " + bound);
    }
    pump.join(STOP_BOUND.toMillis());
    return List.copyOf(lines);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  private void pump() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // ended
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }

  /** Waits for a future with a bound, unwrapping its failure. */
  static <T> T get(CompletableFuture<T> future, Duration bound) throws IOException {
    try {
      return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(e.toString(), e);
    }
  }
}
