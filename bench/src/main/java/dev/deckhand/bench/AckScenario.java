package dev.deckhand.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * P1: acknowledgement latency of signed slash commands, the bot beside a bare Bolt app, each round
 * driving one and then the other, so that both see the same machine. Over HTTP each drive is a
 * fresh load-generator JVM and latency is from its send to the end of the response; in Socket Mode
 * the harness's {@link SocketModeSlack} pushes the envelopes and latency is from the push to the
 * ack arriving back.
 */
final class AckScenario {
  /** One target's results in one round. */
  record Round(Stats sustained, Stats burst, int failed) {}

  record Result(List<Round> bot, List<Round> bolt) {}

  /** Requests of the warm-up (20/s for 3 s), answered by the bot but not measured. */
  static final int WARMUP_REQUESTS = 60;

  private final Path logs;
  private final String secret;
  private final int rate;
  private final int seconds;
  private final int bursts;
  private final int burstSize;
  private final String prefix;

  AckScenario(
      Path logs, String secret, String prefix, int rate, int seconds, int bursts, int burstSize) {
    this.logs = logs;
    this.prefix = prefix;
    this.secret = secret;
    this.rate = rate;
    this.seconds = seconds;
    this.bursts = bursts;
    this.burstSize = burstSize;
  }

  /** One target's load: the ack lines ({@code ack <phase> <micros> <status>}) of one drive. */
  @FunctionalInterface
  interface Driver {
    List<String> drive(String label, int rate, int seconds, int bursts)
        throws IOException, InterruptedException;
  }

  /** Slack HTTP: signed requests from a fresh {@link LoadGen} JVM per drive. */
  Result run(URI bot, URI bolt, int rounds) throws IOException, InterruptedException {
    return run(http(bot), http(bolt), rounds);
  }

  /**
   * Slack Socket Mode: envelopes pushed from the harness's {@link SocketModeSlack} to the
   * connection of each app-level token.
   */
  Result runSocket(SocketModeSlack slack, String botToken, String boltToken, int rounds)
      throws IOException, InterruptedException {
    return run(socket(slack, botToken), socket(slack, boltToken), rounds);
  }

  /**
   * Discord: INTERACTION_CREATE dispatches pushed from the harness's {@link FakeDiscord} to the
   * gateway connection of each bot token; acknowledged when the deferral callback arrives.
   */
  Result runDiscord(FakeDiscord discord, String botToken, String jdaToken, int rounds)
      throws IOException, InterruptedException {
    return run(discord(discord, botToken), discord(discord, jdaToken), rounds);
  }

  private Driver discord(FakeDiscord discord, String token) {
    return (label, rate, seconds, bursts) ->
        discord.drive(token, label, rate, seconds, bursts, burstSize, 2000);
  }

  private Driver socket(SocketModeSlack slack, String token) {
    return (label, rate, seconds, bursts) ->
        slack.drive(token, label, rate, seconds, bursts, burstSize, 2000);
  }

  private Result run(Driver bot, Driver bolt, int rounds) throws IOException, InterruptedException {
    List<Round> botRounds = new ArrayList<>();
    List<Round> boltRounds = new ArrayList<>();
    // Unmeasured warm-up of both (JIT, connection pools, the bot's database pool) at the
    // sustained rate, so that the rounds measure a running server, not its first seconds.
    bot.drive(prefix + "-bot-warmup", WARMUP_REQUESTS / 3, 3, 0);
    bolt.drive(prefix + "-bolt-warmup", WARMUP_REQUESTS / 3, 3, 0);
    for (int r = 1; r <= rounds; r++) {
      botRounds.add(parse(bot.drive(prefix + "-bot-r" + r, rate, seconds, bursts)));
      boltRounds.add(parse(bolt.drive(prefix + "-bolt-r" + r, rate, seconds, bursts)));
      System.out.printf(
          "  %s round %d: bot sustained %s; burst %s%n  %s round %d: baseline sustained %s;"
              + " burst %s%n",
          prefix,
          r,
          botRounds.get(r - 1).sustained().describe(),
          botRounds.get(r - 1).burst().describe(),
          prefix,
          r,
          boltRounds.get(r - 1).sustained().describe(),
          boltRounds.get(r - 1).burst().describe());
    }
    return new Result(botRounds, boltRounds);
  }

  private Driver http(URI target) {
    return (label, rate, seconds, bursts) -> {
      try (ChildJvm load =
          ChildJvm.start(
              LoadGen.class,
              List.of("-Xmx128m", "-XX:+UseSerialGC"),
              List.of(
                  target.toString(),
                  secret,
                  label,
                  String.valueOf(rate),
                  String.valueOf(seconds),
                  String.valueOf(bursts),
                  String.valueOf(burstSize),
                  "2000"),
              logs.resolve(label + ".stderr").toFile().toPath())) {
        return load.awaitExit(Duration.ofSeconds(seconds + bursts * 3L + 40));
      }
    };
  }

  static Round parse(List<String> lines) {
    List<Double> sustained = new ArrayList<>();
    List<Double> burst = new ArrayList<>();
    int failed = 0;
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length != 4 || !f[0].equals("ack")) {
        continue;
      }
      if (!f[3].equals("200")) {
        failed++;
        continue;
      }
      double ms = Long.parseLong(f[2]) / 1000.0;
      (f[1].equals("sustained") ? sustained : burst).add(ms);
    }
    return new Round(Stats.of(sustained), Stats.of(burst), failed);
  }
}
