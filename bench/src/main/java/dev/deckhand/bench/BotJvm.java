package dev.deckhand.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real bot as a JVM of its own, started the way {@code ./deckhand} starts it ({@code java -jar
 * bot/target/deckhand-bot.jar}, its {@code lib/} beside it, the launcher's class-data archive) with
 * the benchmark's heap: {@code deckhand run --config FILE}. Ready means its stdout said where it
 * serves Slack, which it prints once the endpoint listens. {@link #close()} sends SIGTERM and
 * waits, then kills.
 */
final class BotJvm implements AutoCloseable {
  /**
   * DESIGN §10's heap and collector, plus the launcher's other production flags
   * (docs/operations.md: client compiler only, a small code cache, a heap that starts small).
   * Baselines get the same.
   */
  static final List<String> HEAP =
      List.of(
          "-Xms32m",
          "-Xmx96m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:ReservedCodeCacheSize=32m");

  /** Where {@code ./deckhand run} keeps its class-data archive, beside the jar. */
  static Path archive(Path botJar) {
    return botJar.resolveSibling("deckhand-run.jsa");
  }

  /** Whether the archive was written after the jar was built, as the launcher requires. */
  static boolean archiveFresh(Path botJar) {
    Path archive = archive(botJar);
    try {
      return Files.isRegularFile(archive)
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(botJar)) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The launcher's class data sharing: map the archive when it is newer than the jar, else (as the
   * first run after a build does) write it when the JVM stops.
   */
  static List<String> classDataSharing(Path botJar) throws IOException {
    Path archive = archive(botJar);
    if (archiveFresh(botJar)) {
      return List.of("-XX:SharedArchiveFile=" + archive);
    }
    Files.deleteIfExists(archive);
    return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off");
  }

  private static final Pattern READY =
      Pattern.compile("Slack requests are served at (http://127\\.0\\.0\\.1:\\d+)/slack/");
  private static final Duration STOP_BOUND = Duration.ofSeconds(30);

  private final Process process;
  private final long startedNanos;
  private final CompletableFuture<URI> ready = new CompletableFuture<>();
  private final Path stderr;
  private final Path gcLog;
  private volatile long readyNanos;

  private BotJvm(Process process, long startedNanos, Path stderr, Path gcLog) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.stderr = stderr;
    this.gcLog = gcLog;
    Thread pump = new Thread(this::pump, "bot-" + process.pid() + "-stdout");
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts {@code deckhand run --config catalog} with its home and log files under {@code dir}. */
  static BotJvm start(Path botJar, Path catalog, Path home, Map<String, String> env, String tag)
      throws IOException {
    Path logs = Files.createDirectories(home.resolve("bench-logs"));
    Path stderr = logs.resolve(tag + ".stderr");
    Path gcLog = logs.resolve(tag + ".gc.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(HEAP);
    command.addAll(classDataSharing(botJar));
    command.add("-Xlog:gc:file=" + gcLog);
    command.addAll(List.of("-Dfile.encoding=UTF-8", "-jar", botJar.toString()));
    command.addAll(List.of("run", "--config", catalog.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().putAll(env);
    builder.environment().put("DECKHAND_HOME", home.toString());
    builder.environment().put("MALLOC_ARENA_MAX", "2"); // as ./deckhand sets it
    builder.environment().remove("KUBECONFIG");
    long started = System.nanoTime();
    return new BotJvm(builder.start(), started, stderr, gcLog);
  }

  /** Blocks until ready; the Slack endpoint's base URL. */
  URI awaitReady(Duration bound) throws IOException, InterruptedException {
    try {
      return ready.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("the bot was not ready within " + bound + "; " + stderrTail(), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause().getMessage() + "; " + stderrTail(), e);
    }
  }

  /** Process start to the ready line, in ms. */
  double startToReadyMillis() {
    return (readyNanos - startedNanos) / 1e6;
  }

  long pid() {
    return process.pid();
  }

  Path gcLog() {
    return gcLog;
  }

  boolean alive() {
    return process.isAlive();
  }

  String stderrTail() {
    try {
      List<String> lines = Files.readAllLines(stderr);
      return "bot stderr ("
          + stderr
          + "): "
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "no stderr at " + stderr;
    }
  }

  private void pump() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        Matcher m = READY.matcher(line);
        if (m.find() && !ready.isDone()) {
          readyNanos = System.nanoTime();
          ready.complete(URI.create(m.group(1)));
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    ready.completeExceptionally(
        new IOException("the bot exited with " + exitCode() + " before it was ready"));
  }

  private String exitCode() {
    try {
      return String.valueOf(process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : "?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  /** SIGTERM (the bot stops its store and endpoint), bounded; SIGKILL after the bound. */
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
}
