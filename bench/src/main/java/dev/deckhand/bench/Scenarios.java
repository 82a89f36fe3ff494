package dev.deckhand.bench;

import dev.deckhand.bench.Report.Row;
import dev.deckhand.bench.Report.Verdict;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/** The scenarios in the order a run takes them, each adding its rows to the report. */
final class Scenarios {
  private final Settings settings;
  private final Report report;
  private final FakeSlackApi slack;
  private final RolloutObserver observer;
  private final World world;
  private final Path logs;
  private final String secret;

  /** The main bot serves Discord besides Slack HTTP (set by {@link #discord}). */
  private boolean discordOn;

  Scenarios(
      Settings settings,
      Report report,
      FakeSlackApi slack,
      RolloutObserver observer,
      World world,
      Path logs,
      String secret) {
    this.settings = settings;
    this.report = report;
    this.slack = slack;
    this.observer = observer;
    this.world = world;
    this.logs = logs;
    this.secret = secret;
  }

  /** P1 over Slack HTTP: the bot beside the bare Bolt app, in turns. */
  void ack(URI bot, String token) throws IOException, InterruptedException {
    System.out.println("P1: acknowledgements over HTTP, bot and bare Bolt app side by side...");
    AckScenario.Result r;
    long since = System.nanoTime();
    try (ChildJvm bolt =
        ChildJvm.start(
            BareBoltApp.class,
            BotJvm.HEAP,
            List.of(secret, slack.methodsUrl(), token),
            logs.resolve("bare-bolt.stderr"))) {
      URI boltUri = URI.create(bolt.awaitLine("ready ", Duration.ofSeconds(60)).substring(6));
      r = ackScenario("p1").run(bot, boltUri, settings.ackRounds());
    }
    ackRows(
        "Slack HTTP",
        "bare Bolt",
        r,
        "the ack path verifies the signature and hands the command to the dispatcher, which"
            + " acknowledges before the database dedupe (that runs on the executor)");
    awaitWhoamiAnswers("P1 (HTTP)", r, () -> whoamiPosts(since));
  }

  private AckScenario ackScenario(String prefix) {
    return new AckScenario(
        logs, secret, prefix, 20, settings.ackSeconds(), settings.ackBursts(), 100);
  }

  private void ackRows(String transport, String baseline, AckScenario.Result r, String note) {
    for (String phase : List.of("sustained", "burst")) {
      boolean sustained = phase.equals("sustained");
      ToDoubleFunction<AckScenario.Round> p99 = x -> (sustained ? x.sustained() : x.burst()).p99();
      ToDoubleFunction<AckScenario.Round> max = x -> (sustained ? x.sustained() : x.burst()).max();
      double botP99 = median(r.bot(), p99);
      double botMax = median(r.bot(), max);
      int failed = r.bot().stream().mapToInt(AckScenario.Round::failed).sum();
      int boltFailed = r.bolt().stream().mapToInt(AckScenario.Round::failed).sum();
      report.row(
          new Row(
              "P1",
              "ack, " + transport + ", " + (sustained ? "20 req/s sustained" : "100 req/s bursts"),
              "p99 "
                  + Stats.ms(botP99)
                  + " ms, max "
                  + Stats.ms(botMax)
                  + " ms"
                  + (failed > 0 ? ", " + failed + " not acknowledged" : ""),
              "p99 ≤ 50 ms, max ≤ 250 ms",
              baseline
                  + ": p99 "
                  + Stats.ms(median(r.bolt(), p99))
                  + " ms, max "
                  + Stats.ms(median(r.bolt(), max))
                  + " ms"
                  + (boltFailed > 0 ? ", " + boltFailed + " not acknowledged" : ""),
              Report.verdict(botP99 <= 50 && botMax <= 250 && failed == 0),
              "medians over " + r.bot().size() + " rounds; " + note));
    }
    for (int i = 0; i < r.bot().size(); i++) {
      report.detail(
          "P1 "
              + transport
              + " round "
              + (i + 1)
              + ", bot: sustained "
              + r.bot().get(i).sustained().describe()
              + "; bursts "
              + r.bot().get(i).burst().describe());
      report.detail(
          "P1 "
              + transport
              + " round "
              + (i + 1)
              + ", "
              + baseline
              + ": sustained "
              + r.bolt().get(i).sustained().describe()
              + "; bursts "
              + r.bolt().get(i).burst().describe());
    }
  }

  /**
   * Every acknowledged /whoami (warm-up included) is answered in the channel, later; waits
   * (bounded) until the bot has worked off its backlog, so that the next scenario starts quiet.
   */
  private void awaitWhoamiAnswers(
      String what, AckScenario.Result r, java.util.function.IntSupplier answered)
      throws InterruptedException {
    int expected =
        r.bot().stream().mapToInt(x -> x.sustained().count() + x.burst().count()).sum()
            + AckScenario.WARMUP_REQUESTS;
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && answered.getAsInt() < expected) {
      Thread.sleep(200);
    }
    report.detail(
        String.format(
            "%s: the bot answered %d of the %d /whoami commands it acknowledged (warm-up"
                + " included) in the channel, the last %.1f s after the last ack",
            what, answered.getAsInt(), expected, (System.nanoTime() - t0) / 1e9));
  }

  /** The bot's /whoami answers to the load generators' user that arrived since {@code since}. */
  private int whoamiPosts(long since) {
    return slack
        .calls(
            c ->
                c.method().equals("chat.postMessage")
                    && c.arrivedNanos() >= since
                    && c.body().contains("slack id " + SlashCommands.USER))
        .size();
  }

  /**
   * P1 (and P2) for the transports other than Slack HTTP: measured where the bot has the adapter
   * and the harness a driver, otherwise a row saying why not. Socket Mode runs a bot of its own on
   * the same home (a bot has one Slack mode), started by {@code socketBot}, beside the bare Bolt
   * app in Socket Mode.
   */
  void otherTransports(
      List<Platforms.Presence> platforms, String token, String appToken, Bench.BotStarter socketBot)
      throws IOException, InterruptedException {
    for (Platforms.Presence p : platforms) {
      if (p.platform() == Platforms.SLACK_HTTP) {
        continue;
      }
      if (p.present() && p.platform() == Platforms.SLACK_SOCKET) {
        socketMode(token, appToken, socketBot);
        continue;
      }
      if (p.present() && p.platform() == Platforms.DISCORD) {
        continue; // measured on the main bot, which serves Slack HTTP and Discord at once
      }
      report.row(
          new Row(
              "P1",
              "ack, " + p.platform().name(),
              "–",
              "p99 ≤ 50 ms, max ≤ 250 ms",
              "–",
              Verdict.NOT_MEASURED,
              p.present()
                  ? "adapter present, no driver in the harness yet (see Platforms)"
                  : "adapter not present in this build (deckhand check: " + p.reason() + ")"));
    }
  }

  private void socketMode(String token, String appToken, Bench.BotStarter socketBot)
      throws IOException, InterruptedException {
    System.out.println(
        "P1: acknowledgements in Socket Mode, bot and bare Bolt app side by side...");
    SocketModeSlack socket = slack.socketMode();
    String boltAppToken = "xapp-bench-bolt-" + java.util.UUID.randomUUID();
    long since = System.nanoTime();
    BotJvm bot = socketBot.start();
    try (ChildJvm bolt =
        ChildJvm.start(
            BareBoltApp.class,
            BotJvm.HEAP,
            List.of(secret, slack.methodsUrl(), token, boltAppToken),
            logs.resolve("bare-bolt-socket.stderr"))) {
      try {
        socket.awaitConnected(appToken, Duration.ofSeconds(120));
        socket.awaitConnected(boltAppToken, Duration.ofSeconds(60));
      } catch (java.util.concurrent.TimeoutException e) {
        report.row(
            new Row(
                "P1",
                "ack, Slack Socket Mode",
                "–",
                "p99 ≤ 50 ms, max ≤ 250 ms",
                "–",
                Verdict.NOT_MEASURED,
                "no Socket Mode connection within the bound; "
                    + bot.stderrTail().replace('|', '/')));
        return;
      }
      AckScenario.Result r =
          ackScenario("p1s").runSocket(socket, appToken, boltAppToken, settings.ackRounds());
      ackRows(
          "Slack Socket Mode",
          "bare Bolt",
          r,
          "envelope pushed by the harness's fake to ack back on the socket; same handler and"
              + " dispatcher as HTTP, no signature, Bolt's SocketModeApp on Java-WebSocket");
      awaitWhoamiAnswers("P1 (Socket Mode)", r, () -> whoamiPosts(since));
      firstMessageRows(
          new FirstMessageScenario(FirstMessageScenario.socket(socket, appToken), slack, "p2s"),
          "Socket Mode");
    } finally {
      bot.close();
    }
  }

  /**
   * P1 and P2 over Discord, on the main bot (it serves Slack HTTP and Discord at once), beside bare
   * JDA deferring the same interactions on the same fake; see {@link FakeDiscord}.
   */
  void discord(FakeDiscord discord, String token) throws IOException, InterruptedException {
    discordOn = true;
    System.out.println("P1: acknowledgements over Discord, bot and bare JDA side by side...");
    String jdaToken = "bench-jda-" + java.util.UUID.randomUUID();
    long since = System.nanoTime();
    int callbacksBefore = discord.callbacks();
    AckScenario.Result r;
    try (ChildJvm jda =
        ChildJvm.start(
            BareJdaApp.class,
            BotJvm.HEAP,
            List.of(discord.apiUrl(), discord.gatewayUrl(), jdaToken),
            logs.resolve("bare-jda.stderr"))) {
      try {
        jda.awaitLine("ready", Duration.ofSeconds(90));
        discord.awaitReady(token, Duration.ofSeconds(30));
        discord.awaitReady(jdaToken, Duration.ofSeconds(30));
      } catch (IOException | java.util.concurrent.TimeoutException e) {
        report.row(
            new Row(
                "P1",
                "ack, Discord",
                "–",
                "p99 ≤ 50 ms, max ≤ 250 ms",
                "–",
                Verdict.NOT_MEASURED,
                "the bot or bare JDA was not connected to the fake gateway within the bound: "
                    + String.valueOf(e.getMessage()).replace('|', '/')));
        return;
      }
      r = ackScenario("p1d").runDiscord(discord, token, jdaToken, settings.ackRounds());
    }
    ackRows(
        "Discord",
        "bare JDA",
        r,
        "INTERACTION_CREATE pushed on the fake gateway to the type-5 callback arriving at the fake"
            + " REST API; the bot defers in its JDA listener before the dispatcher, bare JDA only"
            + " defers; the bot's whoami follow-ups share JDA's requester with the deferrals");
    report.detail(
        String.format(
            "P1 Discord: %d interaction callbacks arrived, %d of all callbacks were not deferrals"
                + " (type 5)",
            discord.callbacks() - callbacksBefore, discord.notDeferrals()));
    awaitWhoamiAnswers(
        "P1 (Discord)",
        r,
        () ->
            discord
                .calls(
                    c ->
                        c.method().equals("POST")
                            && c.path().startsWith("webhooks/")
                            && c.arrivedNanos() >= since
                            && c.body().contains(FakeDiscord.USER))
                .size());
    System.out.println("P2: command to first visible message, Discord...");
    int n = settings.firstMessages();
    List<Double> whoami = new ArrayList<>();
    List<Double> dry = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      discordFirst(discord, token, "whoami", java.util.Map.of(), null).ifPresent(whoami::add);
    }
    for (int i = 0; i < n; i++) {
      String service = World.name(settings.services() / 2 + n + i);
      discordFirst(
              discord,
              token,
              "deploy",
              java.util.Map.of(
                  "service", service, "tag-or-prefix", World.TAGS.get(1), "dry-run", true),
              service)
          .ifPresent(dry::add);
    }
    for (var e :
        List.of(
            java.util.Map.entry("/whoami", Stats.of(whoami)),
            java.util.Map.entry("/deploy --dry-run", Stats.of(dry)))) {
      Stats st = e.getValue();
      report.row(
          new Row(
              "P2",
              "command → first message, " + e.getKey() + ", Discord",
              "p99 "
                  + Stats.ms(st.p99())
                  + " ms (p50 "
                  + Stats.ms(st.p50())
                  + ", n="
                  + st.count()
                  + ")",
              "p99 ≤ 500 ms",
              "–",
              Report.verdict(st.count() == n && st.p99() <= 500),
              "from the dispatch to the first follow-up through the interaction's webhook (or"
                  + " a channel message naming the service) at the fake"
                  + (e.getKey().equals("/whoami")
                      ? "; no cluster or registry call"
                      : "; reads the deployment and resolves the tag first")));
    }
  }

  /**
   * One Discord command, one at a time: ms from the dispatch to the first REST call that shows
   * something for it (its webhook, or a channel message naming {@code service}).
   */
  private static java.util.Optional<Double> discordFirst(
      FakeDiscord discord,
      String token,
      String command,
      java.util.Map<String, Object> options,
      String service)
      throws InterruptedException {
    FakeDiscord.Interaction in = discord.interact(token, command, options);
    try {
      if (in.deferred().get() < 0) {
        return java.util.Optional.empty();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      return java.util.Optional.empty();
    }
    long deadline = in.sentNanos() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      java.util.Optional<FakeDiscord.Call> first =
          discord
              .calls(
                  c ->
                      c.arrivedNanos() >= in.sentNanos()
                          && (c.path().contains(in.token())
                              || (service != null
                                  && c.method().equals("POST")
                                  && c.path().startsWith("channels/")
                                  && c.body().contains(service))))
              .stream()
              .findFirst();
      if (first.isPresent()) {
        return java.util.Optional.of((first.get().arrivedNanos() - in.sentNanos()) / 1e6);
      }
      Thread.sleep(5);
    }
    return java.util.Optional.empty();
  }

  void firstMessage(SlashCommands commands) throws IOException, InterruptedException {
    firstMessageRows(
        new FirstMessageScenario(FirstMessageScenario.http(commands), slack, "p2"), "Slack HTTP");
  }

  private void firstMessageRows(FirstMessageScenario p2, String transport)
      throws IOException, InterruptedException {
    System.out.println("P2: command to first visible message, " + transport + "...");
    Stats whoami = p2.whoami(settings.firstMessages());
    Stats dry = p2.dryRun(settings.firstMessages(), settings.services() / 2);
    for (var e : List.of(List.of("/whoami", whoami), List.of("/deploy --dry-run", dry))) {
      Stats st = (Stats) e.get(1);
      report.row(
          new Row(
              "P2",
              "command → first message, " + e.get(0) + ", " + transport,
              "p99 "
                  + Stats.ms(st.p99())
                  + " ms (p50 "
                  + Stats.ms(st.p50())
                  + ", n="
                  + st.count()
                  + ")",
              "p99 ≤ 500 ms",
              "–",
              Report.verdict(st.count() == settings.firstMessages() && st.p99() <= 500),
              e.get(0).equals("/whoami")
                  ? "no cluster or registry call"
                  : "reads the deployment (simulated API server) and resolves the tag (simulated"
                      + " registry) first"));
    }
  }

  void kubectl(SlashCommands commands, Path kubeconfig) throws IOException, InterruptedException {
    if (!KubectlBaseline.available()) {
      report.row(
          new Row(
              "P3",
              "completion detection vs kubectl",
              "–",
              "–",
              "–",
              Verdict.NOT_MEASURED,
              "no kubectl at " + KubectlBaseline.KUBECTL));
      return;
    }
    System.out.println("Baseline: completion detection beside kubectl rollout status...");
    KubectlBaseline.Result k =
        new KubectlBaseline(commands, slack, observer, kubeconfig, logs)
            .run(
                Bench.services(
                    settings.services() - settings.kubectlRounds(), settings.kubectlRounds()),
                World.TAGS.get(1));
    report.row(
        new Row(
            "P3",
            "rollout complete → reported, one rollout at a time",
            "bot's edit showing the step done: p50 "
                + Stats.ms(k.bot().p50())
                + " ms, max "
                + Stats.ms(k.bot().max())
                + " ms",
            "(P3: ≤ 2 s)",
            "`kubectl rollout status` exits: p50 "
                + Stats.ms(k.kubectl().p50())
                + " ms, max "
                + Stats.ms(k.kubectl().max())
                + " ms",
            Report.verdict(k.bot().count() > 0 && k.bot().max() <= 2000),
            k.agreed()
                + " of "
                + k.rounds()
                + " verdicts agree. Unfair to kubectl: the mock API server refuses its watch"
                + " (\"the server rejected our request\", in the kubectl logs), so kubectl"
                + " relists with back-off and its time is the mock's limit. Unfair to the bot:"
                + " its time is a chat edit, at most one a second per message"));
  }

  /** P3, P5 and, sampled through both, P6. */
  void edits(SlashCommands commands, BotJvm bot) throws IOException, InterruptedException {
    EditLagScenario p3 = new EditLagScenario(commands, slack, observer);
    int n = settings.rollouts();
    try (Sampler sampler = new Sampler(bot.pid(), world.apiPort(), 1000)) {
      System.out.printf("P3: %d rollouts at once...%n", n);
      EditLagScenario.Result a =
          p3.run(Bench.services(0, n), World.TAGS.get(1), "p3", settings.editBound());
      editRows("P3", a, false);
      int m = settings.throttledRollouts();
      System.out.printf("P5: %d rollouts at once, 20 %% of chat calls refused with 429...%n", m);
      slack.throttle(0.2, 1, 5, 42);
      EditLagScenario.Result b;
      try {
        b = p3.run(Bench.services(n, m), World.TAGS.get(1), "p5", settings.editBound());
      } finally {
        slack.throttle(0, 1, 1, 0);
      }
      editRows("P5", b, true);
      memoryRows(bot, sampler, n);
    }
  }

  private void editRows(String id, EditLagScenario.Result r, boolean throttled) {
    String rates =
        r.maxEditsPerMessagePerSecond()
            + " edits/s per message (max), "
            + r.maxUpdatesPerMinute()
            + " chat.update/min (max)";
    boolean ratesOk = r.maxEditsPerMessagePerSecond() <= 1 && r.maxUpdatesPerMinute() <= 45;
    report.row(
        new Row(
            id,
            "status change → edit, " + r.rollouts() + " rollouts" + (throttled ? ", 20 % 429" : ""),
            "p95 "
                + Stats.ms(r.lag().p95())
                + " ms (p50 "
                + Stats.ms(r.lag().p50())
                + ", n="
                + r.lag().count()
                + (r.unmatchedChanges() > 0 ? ", " + r.unmatchedChanges() + " never shown" : "")
                + ")",
            throttled ? "none in P5 (P3: p95 ≤ 2 s)" : "p95 ≤ 2 s",
            "–",
            throttled
                ? Report.Verdict.INFO
                : Report.verdict(
                    r.lag().count() > 0 && r.lag().p95() <= 2000 && r.unmatchedChanges() == 0),
            "shown on the channel's board or the operation's own message, whichever came first;"
                + " "
                + r.boards()
                + " board(s) posted; the workspace budget (45 chat.update/min, paced at 0.75/s"
                + " with a burst of 5) goes to the board first"
                + (throttled ? "; a 429 holds every edit until its Retry-After (1–5 s)" : "")));
    report.row(
        new Row(
            id,
            "edit rates" + (throttled ? ", 20 % 429" : ""),
            rates,
            "≤ 1/s per message, ≤ 45/min",
            "–",
            Report.verdict(ratesOk),
            "counted at the fake, refused calls included"));
    report.row(
        new Row(
            id,
            "final state" + (throttled ? ", 20 % 429" : ""),
            r.finalsDelivered()
                + "/"
                + r.rollouts()
                + " delivered; after completion p95 "
                + Stats.ms(r.finalLag().p95())
                + " ms, max "
                + Stats.ms(r.finalLag().max())
                + " ms",
            throttled ? "all (P3: within 5 s)" : "all, within 5 s",
            "–",
            Report.verdict(
                r.finalsDelivered() == r.rollouts() && (throttled || r.finalLag().max() <= 5000)),
            "the first view showing it, board or own message; includes the health check after"
                + " the rollout"
                + (throttled ? "; waits out Retry-After" : "")));
    report.row(
        new Row(
            id,
            "final state in each operation's own message" + (throttled ? ", 20 % 429" : ""),
            r.ownFinalsDelivered()
                + "/"
                + r.rollouts()
                + " delivered; after completion p50 "
                + Stats.ms(r.ownFinalLag().p50())
                + " ms, max "
                + Stats.ms(r.ownFinalLag().max())
                + " ms",
            "all (no final lost)",
            "–",
            Report.verdict(r.ownFinalsDelivered() == r.rollouts()),
            "after the board: finals take the turns the board leaves, one at a time at the"
                + " budget's pace ("
                + r.rollouts()
                + " finals need about "
                + Math.round(r.rollouts() / 0.75)
                + " s of it)"));
    if (throttled) {
      report.row(
          new Row(
              id,
              "Retry-After honoured",
              r.refused()
                  + " calls refused; "
                  + r.earlySameMessage()
                  + " same-message and "
                  + r.earlyWorkspace()
                  + " workspace calls before Retry-After; max "
                  + r.maxInFlightPerMessage()
                  + " call(s) in flight per message",
              "0 early, ≤ 1 queued edit per message",
              "–",
              Report.verdict(
                  r.earlySameMessage() == 0
                      && r.earlyWorkspace() == 0
                      && r.maxInFlightPerMessage() <= 1),
              "calls within 100 ms after a 429 are not counted (sent before the answer); the"
                  + " queue inside the bot is not visible from outside, in-flight calls are"));
    }
    report.detail(
        String.format(
            "%s: %d rollouts took %.0f s from the first /deploy to the last final edit (or the"
                + " bound); lag %s; final shown after completion %s; own message's final after"
                + " completion %s; %d board(s)",
            id,
            r.rollouts(),
            r.seconds(),
            r.lag().describe(),
            r.finalLag().describe(),
            r.ownFinalLag().describe(),
            r.boards()));
  }

  private void memoryRows(BotJvm bot, Sampler sampler, int rollouts)
      throws IOException, InterruptedException {
    List<GcLog.Collection> before = GcLog.read(bot.gcLog());
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(bot.pid()),
                "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve("jcmd.out").toFile())
            .start();
    if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
      jcmd.destroyForcibly();
    }
    Thread.sleep(500);
    List<GcLog.Collection> all = GcLog.read(bot.gcLog());
    int live = all.size() > before.size() ? all.get(all.size() - 1).afterMib() : -1;
    List<Double> after = new ArrayList<>();
    before.forEach(c -> after.add((double) c.afterMib()));
    int third = Math.max(1, after.size() / 3);
    double early = Stats.median(after.subList(0, Math.min(third, after.size())));
    double late = Stats.median(after.subList(Math.max(0, after.size() - third), after.size()));
    double maxRss = sampler.maxRss();
    report.row(
        new Row(
            "P6",
            "resident memory, " + rollouts + " rollouts + " + world.services() + " watched",
            String.format("max VmRSS %.0f MiB", maxRss),
            "≤ 200 MiB",
            "–",
            Report.verdict(maxRss > 0 && maxRss <= 200),
            (discordOn
                    ? "both chat adapters on (Slack HTTP and Discord, connected to its fake"
                        + " gateway; the rollouts are driven over Slack)"
                    : "Slack HTTP only (the Discord adapter is not in this build)")
                + "; embedded PostgreSQL is a separate process, not counted"));
    report.row(
        new Row(
            "P6",
            "heap after GC through the run",
            String.format(
                "median %.0f MiB in the first third of %d collections, %.0f MiB in the last;"
                    + " %d MiB live after a full GC at the end",
                early, after.size(), late, live),
            "flat",
            "–",
            Report.verdict(!Double.isNaN(late) && late <= early * 1.5 + 5),
            "from the bot's own -Xlog:gc (no forced collection) plus one jcmd GC.run at the end;"
                + " a run is minutes, not a soak of hours"));
    report.detail(
        String.format(
            "P6: %d samples during P3 and P5, max threads %d, max VmRSS %.0f MiB",
            sampler.samples().size(), sampler.maxThreads(), maxRss));
  }

  /** P8: stops the bot and starts it again, each time to ready; returns the last one. */
  BotJvm startup(BotJvm bot, Bench.BotStarter starter) throws IOException, InterruptedException {
    System.out.printf("P8: %d restarts...%n", settings.restarts());
    List<Double> times = new ArrayList<>();
    BotJvm current = bot;
    for (int i = 0; i < settings.restarts(); i++) {
      current.close();
      current = starter.start();
      current.awaitReady(Duration.ofSeconds(60));
      times.add(current.startToReadyMillis());
    }
    Stats st = Stats.of(times);
    report.row(
        new Row(
            "P8",
            "start to ready (Slack endpoint listening)",
            "p95 "
                + Stats.ms(st.p95())
                + " ms (p50 "
                + Stats.ms(st.p50())
                + ", n="
                + st.count()
                + ")",
            "p95 ≤ 3 s",
            "–",
            Report.verdict(st.count() > 0 && st.p95() <= 3000),
            "JVM start, catalog, Flyway check and the embedded PostgreSQL start (already"
                + " initialised), auth.test"
                + (discordOn
                    ? ", Discord's login, gateway READY and guild commands (fake on loopback)"
                    : "")
                + ", resume; timed from process start to the line that says where Slack is"
                + " served"));
    report.detail("P8: " + times.stream().map(Stats::ms).toList() + " ms");
    return current;
  }

  void watches(SlashCommands commands, BotJvm bot) throws IOException, InterruptedException {
    System.out.printf(
        "P7: %d rollouts at once, beside one watch per rollout...%n", world.services());
    WatchScenario.Result w =
        new WatchScenario(commands, observer)
            .run(world, bot.pid(), World.TAGS.get(2), logs, settings.watchBound());
    report.row(
        new Row(
            "P7",
            "connections to the API server, " + w.rollouts() + " rollouts",
            w.botConnections() + " (" + w.botBefore().apiConnections() + " before)",
            "one watch per (cluster, namespace, kind): 3 + request connections",
            "one watch per rollout: " + w.baselineConnections(),
            Report.verdict(w.botConnections() > 0 && w.botConnections() <= 10),
            "established TCP connections of the pid to the API port (/proc/<pid>/net/tcp +"
                + " fd inodes), watches and pooled request connections alike; "
                + w.completed()
                + "/"
                + w.rollouts()
                + " rollouts completed in the bound"));
    report.row(
        new Row(
            "P7",
            "threads, " + w.rollouts() + " rollouts",
            w.botThreads() + " (" + w.botBefore().threads() + " before)",
            "≤ 40",
            "one watch per rollout: "
                + w.baselineThreads()
                + " ("
                + w.baselineBefore().threads()
                + " before the rollouts)",
            Report.verdict(w.botThreads() > 0 && w.botThreads() <= 40),
            "/proc/<pid>/task; the baseline JVM only watches, the bot also serves Slack, runs"
                + " the engine and the store's pool"));
    report.detail(
        String.format(
            "P7: VmRSS at peak: bot %.0f MiB, one-watch-per-rollout baseline %.0f MiB; baseline"
                + " said '%s'",
            w.botRss(), w.baselineRss(), w.baselineDone()));
  }

  private static double median(
      List<AckScenario.Round> rounds, ToDoubleFunction<AckScenario.Round> f) {
    return Stats.median(rounds.stream().map(f::applyAsDouble).toList());
  }
}
