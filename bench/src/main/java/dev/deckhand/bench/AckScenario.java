package dev.deckhand.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * P1: acknowledgement latency of signed slash commands, the bot beside a bare Bolt app, each round
 * driving one and then the other from a fresh load-generator JVM, so that both see the same
 * machine. Latency is from the load generator's send to the end of the response.
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

  AckScenario(Path logs, String secret, int rate, int seconds, int bursts, int burstSize) {
    this.logs = logs;
    this.secret = secret;
    this.rate = rate;
    this.seconds = seconds;
    this.bursts = bursts;
    this.burstSize = burstSize;
  }

  Result run(URI bot, URI bolt, int rounds) throws IOException, InterruptedException {
    List<Round> botRounds = new ArrayList<>();
    List<Round> boltRounds = new ArrayList<>();
    // Unmeasured warm-up of both (JIT, connection pools, the bot's database pool) at the
    // sustained rate, so that the rounds measure a running server, not its first seconds.
    drive(bot, "p1-bot-warmup", WARMUP_REQUESTS / 3, 3, 0);
    drive(bolt, "p1-bolt-warmup", WARMUP_REQUESTS / 3, 3, 0);
    for (int r = 1; r <= rounds; r++) {
      botRounds.add(drive(bot, "p1-bot-r" + r));
      boltRounds.add(drive(bolt, "p1-bolt-r" + r));
      System.out.printf(
          "  P1 round %d: bot sustained %s; burst %s%n  P1 round %d: bolt sustained %s; burst %s%n",
          r,
          botRounds.get(r - 1).sustained().describe(),
          botRounds.get(r - 1).burst().describe(),
          r,
          boltRounds.get(r - 1).sustained().describe(),
          boltRounds.get(r - 1).burst().describe());
    }
    return new Result(botRounds, boltRounds);
  }

  private Round drive(URI target, String label) throws IOException, InterruptedException {
    return drive(target, label, rate, seconds, bursts);
  }

  private Round drive(URI target, String label, int rate, int seconds, int bursts)
      throws IOException, InterruptedException {
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
      List<String> lines = load.awaitExit(Duration.ofSeconds(seconds + bursts * 3L + 40));
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
}
