package dev.deckhand.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * P2: from sending a command (signed request or Socket Mode envelope) to its first {@code
 * chat.postMessage} arriving at the fake Slack, one command at a time (both ends on the harness's
 * clock). Two commands: {@code /whoami} (no cluster, no registry) and {@code /deploy … --dry-run}
 * (reads the deployment from the simulated API server and resolves the tag in the simulated
 * registry, then posts the plan).
 */
final class FirstMessageScenario {
  private static final Duration BOUND = Duration.ofSeconds(10);

  /** Sends {@code /deckhand <text>}; true once the bot acknowledged it. */
  @FunctionalInterface
  interface Sender {
    boolean send(String text, String user, String trigger) throws IOException, InterruptedException;
  }

  private final Sender commands;
  private final FakeSlackApi slack;
  private final String prefix;

  /** {@code prefix} keeps the trigger ids of each run apart (the bot dedupes on them, durably). */
  FirstMessageScenario(Sender commands, FakeSlackApi slack, String prefix) {
    this.commands = commands;
    this.slack = slack;
    this.prefix = prefix;
  }

  /** Slack HTTP: signed requests; acknowledged means 200. */
  static Sender http(SlashCommands commands) {
    HttpClient http = HttpClient.newHttpClient();
    return (text, user, trigger) ->
        http.send(commands.request(text, user, trigger), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200;
  }

  /** Slack Socket Mode: envelopes to the app-level token's connection; acknowledged by id. */
  static Sender socket(SocketModeSlack slack, String appToken) {
    return (text, user, trigger) -> {
      try {
        return slack.send(appToken, text, user, trigger).get() >= 0;
      } catch (java.util.concurrent.ExecutionException e) {
        return false;
      }
    };
  }

  Stats whoami(int count) throws IOException, InterruptedException {
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String user = String.format("U0PTWO%03d", i);
      String id = "slack id " + user;
      time("whoami", user, prefix + "-whoami-" + i, c -> c.body().contains(id))
          .ifPresent(samples::add);
    }
    return Stats.of(samples);
  }

  Stats dryRun(int count, int firstService) throws IOException, InterruptedException {
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String service = World.name(firstService + i);
      time(
              "deploy " + service + " " + World.TAGS.get(1) + " --dry-run",
              SlashCommands.USER,
              prefix + "-dry-" + i,
              c -> c.body().contains(service) && c.body().contains("dry run"))
          .ifPresent(samples::add);
    }
    return Stats.of(samples);
  }

  private Optional<Double> time(
      String text, String user, String trigger, Predicate<FakeSlackApi.Call> first)
      throws IOException, InterruptedException {
    long sent = System.nanoTime();
    if (!commands.send(text, user, trigger)) {
      return Optional.empty();
    }
    long deadline = sent + BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<FakeSlackApi.Call> posted =
          slack
              .calls(
                  c ->
                      c.method().equals("chat.postMessage")
                          && c.arrivedNanos() >= sent
                          && first.test(c))
              .stream()
              .findFirst();
      if (posted.isPresent()) {
        return Optional.of((posted.get().arrivedNanos() - sent) / 1e6);
      }
      Thread.sleep(5);
    }
    return Optional.empty();
  }
}
