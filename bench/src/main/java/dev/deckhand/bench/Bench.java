package dev.deckhand.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The benchmark (DESIGN §10, P1–P8), run by {@code bench/run}: hosts the simulated cluster and the
 * fake Slack, starts the packaged bot as a JVM of its own with the benchmark heap, drives it from
 * other JVMs and from here, and writes the results to {@code bench/target/bench-results.md} and
 * (full runs) into {@code docs/benchmarks.md}. Everything binds 127.0.0.1, every wait is bounded,
 * and every child process is stopped by its pid.
 *
 * <p>Usage: {@code Bench <repo-dir> [--quick] [--no-docs]}.
 */
public final class Bench {
  private final Settings settings;
  private final Path runDir;
  private final Report report = new Report();
  private final String secret = UUID.randomUUID().toString();
  private final Map<String, String> env = new HashMap<>();

  private Bench(Settings settings, Path runDir) {
    this.settings = settings;
    this.runDir = runDir;
    env.put("SLACK_BOT_TOKEN", "xoxb-bench-" + UUID.randomUUID());
    env.put("SLACK_SIGNING_SECRET", secret);
    env.put("SLACK_APP_TOKEN", "xapp-bench-bot-" + UUID.randomUUID());
    env.put("DISCORD_TOKEN", "bench-bot-" + UUID.randomUUID());
  }

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    List<String> flags = List.of(args);
    Settings settings = flags.contains("--quick") ? Settings.quick(repo) : Settings.full(repo);
    if (flags.contains("--no-docs")) {
      settings = withoutDocs(settings);
    }
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path runDir = Files.createDirectories(repo.resolve("bench/target/runs/" + stamp));
    long started = System.nanoTime();
    new Bench(settings, runDir)
        .run(flags.contains("--quick") ? "./bench/run --quick" : "./bench/run");
    System.out.printf("Benchmark finished in %.0f s.%n", (System.nanoTime() - started) / 1e9);
    System.exit(0);
  }

  private void run(String command) throws Exception {
    Path botJar = settings.botJar();
    if (!Files.isRegularFile(botJar)) {
      throw new IllegalStateException("no bot jar at " + botJar + "; bench/run builds it");
    }
    double loadBefore = Machine.load();
    String loadavgBefore = Machine.loadavg();
    long started = System.nanoTime();
    report.header("Command: `" + command + "`  ");
    report.header(
        "Date: "
            + DateTimeFormatter.ISO_INSTANT.format(
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
            + "  ");
    report.header("Machine: " + Machine.describe() + "  ");
    report.header(
        String.format(
            "Bot: `java %s -XX:SharedArchiveFile=bot/target/deckhand-run.jsa -jar"
                + " bot/target/deckhand-bot.jar run` (the launcher's class-data archive, embedded"
                + " PostgreSQL), %d simulated deployments of %d replicas, pods ready after %d ms  ",
            String.join(" ", BotJvm.HEAP),
            settings.services(),
            settings.replicas(),
            settings.podReady().toMillis()));
    System.out.println("Deckhand benchmark: " + Machine.describe());
    System.out.println("Asking the bot which chat adapters it has...");
    List<Platforms.Presence> platforms = Platforms.detect(botJar, runDir);
    System.out.printf("Simulating %d deployments...%n", settings.services());
    Path logs = Files.createDirectories(runDir.resolve("logs"));
    // With the Discord adapter present the main bot serves Slack HTTP and Discord at once, so
    // that P6 and P7 see both adapters; Discord's own P1 and P2 run on it too.
    boolean discordOn =
        platforms.stream().anyMatch(p -> p.platform() == Platforms.DISCORD && p.present());
    try (World world = World.start(settings.services(), settings.replicas(), settings.podReady());
        FakeSlackApi slack = new FakeSlackApi();
        FakeDiscord discord = discordOn ? new FakeDiscord() : null;
        RolloutObserver observer = new RolloutObserver(world.cluster().client(), World.NAMESPACE)) {
      Path catalog = world.writeCatalog(runDir, slack.methodsUrl(), false, discord);
      Path socketCatalog = world.writeCatalog(runDir, slack.methodsUrl(), true, null);
      Path home = Files.createDirectories(runDir.resolve("home"));
      Scenarios s = new Scenarios(settings, report, slack, observer, world, logs, secret);
      writeArchive(botJar, catalog, home);
      BotJvm bot = BotJvm.start(botJar, catalog, home, env, "bot-1");
      try {
        URI endpoint = bot.awaitReady(Duration.ofSeconds(180));
        System.out.printf(
            "Bot ready at %s (first start, %.0f ms)%n", endpoint, bot.startToReadyMillis());
        SlashCommands commands = new SlashCommands(endpoint, secret);
        s.ack(endpoint, env.get("SLACK_BOT_TOKEN"));
        s.firstMessage(commands);
        if (discord != null) {
          s.discord(discord, env.get("DISCORD_TOKEN"));
        }
        s.kubectl(commands, World.kubeconfig(runDir));
        s.edits(commands, bot);
        bot =
            s.startup(
                bot,
                () ->
                    BotJvm.start(
                        botJar,
                        catalog,
                        home,
                        env,
                        "bot-" + UUID.randomUUID().toString().substring(0, 8)));
        s.watches(new SlashCommands(bot.awaitReady(Duration.ofSeconds(60)), secret), bot);
      } finally {
        bot.close();
      }
      // A bot has one Slack mode: Socket Mode is a bot of its own, on the same home.
      s.otherTransports(
          platforms,
          env.get("SLACK_BOT_TOKEN"),
          env.get("SLACK_APP_TOKEN"),
          () -> BotJvm.start(botJar, socketCatalog, home, env, "bot-socket"));
      writeResults(loadBefore, loadavgBefore, started);
    }
  }

  /**
   * As the first {@code ./deckhand run} after a build does: a bot that starts and stops writes the
   * class-data archive, so that every measured bot maps it, as production's later starts do.
   */
  private void writeArchive(Path botJar, Path catalog, Path home)
      throws IOException, InterruptedException {
    if (BotJvm.archiveFresh(botJar)) {
      return;
    }
    System.out.println("Writing the bot's class-data archive (a start and a stop)...");
    try (BotJvm bot = BotJvm.start(botJar, catalog, home, env, "bot-archive")) {
      bot.awaitReady(Duration.ofSeconds(180));
    }
    if (!BotJvm.archiveFresh(botJar)) {
      System.out.println("warning: no class-data archive was written; the bots run without one");
    }
  }

  private void writeResults(double loadBefore, String loadavgBefore, long started)
      throws IOException {
    double loadAfter = Machine.load();
    report.header(
        String.format(
            "Harness wall time: %.0f s (after the build)  ", (System.nanoTime() - started) / 1e9));
    report.header(
        String.format(
            "`/proc/loadavg` at start: `%s`, at end: `%s`  ", loadavgBefore, Machine.loadavg()));
    report.header(
        String.format(
            "Load average (1 min) before/after: %.2f / %.2f on %d cores%s",
            loadBefore,
            loadAfter,
            Machine.cores(),
            loadBefore > Machine.cores() * 0.5
                ? " — **development run: the machine was busy with other work; numbers are"
                    + " noisy**"
                : ""));
    Path results = settings.repo().resolve("bench/target/bench-results.md");
    report.write(results);
    report.write(runDir.resolve("bench-results.md"));
    System.out.println("Results: " + results);
    if (settings.updateDocs()) {
      Path docs = settings.repo().resolve("docs/benchmarks.md");
      System.out.println(
          report.updateDocs(docs)
              ? "Updated the results block of " + docs
              : "No results markers in " + docs + "; left it alone");
    }
  }

  static List<String> services(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(World::name).toList();
  }

  private static Settings withoutDocs(Settings s) {
    return new Settings(
        s.repo(),
        s.services(),
        s.replicas(),
        s.podReady(),
        s.ackRounds(),
        s.ackSeconds(),
        s.ackBursts(),
        s.firstMessages(),
        s.kubectlRounds(),
        s.rollouts(),
        s.throttledRollouts(),
        s.restarts(),
        s.editBound(),
        s.watchBound(),
        false);
  }

  /** Makes a bot JVM; thrown IOExceptions pass through. */
  @FunctionalInterface
  interface BotStarter {
    BotJvm start() throws IOException;
  }
}
