package dev.deckhand.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How big a run is. {@link #full()} is what {@code bench/run} measures (DESIGN §10); {@link
 * #quick()} is a smoke run of the same code paths in about three minutes.
 *
 * @param services deployments watched (and rolled at once in P7)
 * @param rollouts rollouts at once in P3 (Slack's 45 edits a minute make this over a minute)
 * @param throttledRollouts rollouts at once in P5, under 429s (fewer: what P5 adds is the 429s)
 * @param podReady how long a simulated pod takes to become ready; a rollout of 3 replicas rolls one
 *     pod at a time, so it takes about 3 × this
 */
record Settings(
    Path repo,
    int services,
    int replicas,
    Duration podReady,
    int ackRounds,
    int ackSeconds,
    int ackBursts,
    int firstMessages,
    int kubectlRounds,
    int rollouts,
    int throttledRollouts,
    int restarts,
    Duration editBound,
    Duration watchBound,
    boolean updateDocs) {

  static Settings full(Path repo) {
    return new Settings(
        repo,
        200,
        3,
        Duration.ofMillis(1500),
        3,
        5,
        2,
        20,
        3,
        50,
        20,
        5,
        Duration.ofSeconds(150),
        Duration.ofSeconds(60),
        true);
  }

  static Settings quick(Path repo) {
    return new Settings(
        repo,
        30,
        3,
        Duration.ofMillis(800),
        1,
        3,
        1,
        5,
        1,
        10,
        5,
        2,
        Duration.ofSeconds(90),
        Duration.ofSeconds(60),
        false);
  }

  Path botJar() {
    return repo.resolve("bot").resolve("target").resolve("deckhand-bot.jar");
  }
}
