package dev.deckhand.bot;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code deckhand run --config FILE} in a JVM of its own, driven like a person at a terminal: lines
 * written to its stdin, its stdout captured in a {@link Transcript}, its stderr kept in a file. It
 * can be killed with SIGKILL, which no shutdown hook survives. {@link #close()} never leaves the
 * process running.
 */
final class BotProcess implements AutoCloseable {
  /** What SIGKILL looks like as an exit code: 128 + 9. */
  static final int KILLED = 137;

  private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

  private final Process process;
  private final Transcript transcript = new Transcript();
  private final Writer stdin;
  private final Thread pump;
  private final Path stderr;

  private BotProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.pump = new Thread(() -> copy(process.getInputStream()), "bot-" + process.pid() + "-out");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts the bot on {@code catalog} with {@code DECKHAND_HOME=home}, where the console numbers
   * its messages and the bot writes its log; its stderr goes to a file of its own beside the log.
   */
  static BotProcess start(Path catalog, Path home) throws IOException {
    Path stderr =
        Files.createTempFile(Files.createDirectories(home.resolve("logs")), "bot-", ".err");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // Under failsafe, java.class.path is a manifest-only booter jar; the real one is this.
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx256m",
                    "-Dfile.encoding=UTF-8",
                    "-Dsun.stdout.encoding=UTF-8",
                    "-cp",
                    classpath,
                    "dev.deckhand.bot.Main",
                    "run",
                    "--config",
                    catalog.toString()))
            .redirectError(stderr.toFile());
    builder.environment().put("DECKHAND_HOME", home.toString());
    builder.environment().remove("KUBECONFIG");
    return new BotProcess(builder.start(), stderr);
  }

  long pid() {
    return process.pid();
  }

  Transcript transcript() {
    return transcript;
  }

  /** Types one line into the bot's console. */
  void say(String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("while typing '" + line + "' to bot " + pid(), e);
    }
  }

  /**
   * Waits (bounded) until the bot's stdout satisfies {@code check}; fails with the transcript, at
   * once if the bot has exited.
   */
  void awaitOutput(Duration within, Consumer<String> check) {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> {
              boolean ended = !process.isAlive() && !pump.isAlive();
              try {
                check.accept(transcript.text());
              } catch (AssertionError e) {
                if (ended) { // not an AssertionError: Awaitility stops waiting
                  throw new IllegalStateException(
                      "bot " + pid() + " exited with " + process.exitValue() + "; " + stderr(), e);
                }
                throw e;
              }
            });
  }

  /** SIGTERM (on Linux, {@code destroy}): shutdown hooks run. The exit code. */
  int terminate() throws InterruptedException {
    process.toHandle().destroy();
    return awaitExit();
  }

  /** Closes the bot's stdin, as Ctrl-D would, without waiting for anything. */
  void closeInput() {
    try {
      stdin.close();
    } catch (IOException e) {
      throw new UncheckedIOException("while closing the stdin of bot " + pid(), e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL (on Linux, {@code destroyForcibly}): no shutdown hook, no cleanup. The exit code. */
  int kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    return awaitExit();
  }

  /**
   * Closes the bot's stdin, as Ctrl-D would, and waits for it to exit on its own. The exit code.
   */
  int endInput() throws InterruptedException {
    try {
      stdin.close();
    } catch (IOException e) {
      throw new UncheckedIOException("while closing the stdin of bot " + pid(), e);
    }
    return awaitExit();
  }

  /** What the bot wrote to stderr (warnings and errors), for failure messages. */
  String stderr() {
    try {
      return "stderr (" + stderr + "):\n" + Files.readString(stderr);
    } catch (IOException e) {
      return "(could not read " + stderr + ": " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.toHandle().destroyForcibly();
      process.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS);
    }
    pump.join(EXIT_BOUND.toMillis());
  }

  private int awaitExit() throws InterruptedException {
    if (!process.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)) {
      process.toHandle().destroyForcibly();
      throw new IllegalStateException(
          "bot " + pid() + " did not exit within " + EXIT_BOUND + "; killed it");
    }
    // Everything it printed before it ended is in the transcript once the pipe is drained.
    pump.join(EXIT_BOUND.toMillis());
    return process.exitValue();
  }

  private void copy(InputStream from) {
    try (from) {
      from.transferTo(transcript.out());
    } catch (IOException e) {
      // The process was killed while we read: what arrived is in the transcript.
    }
    transcript.out().flush();
  }
}
