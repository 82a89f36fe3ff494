package dev.deckhand.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * P2: from sending a signed command to its first {@code chat.postMessage} arriving at the fake
 * Slack, one command at a time (both ends on the harness's clock). Two commands: {@code /whoami}
 * (no cluster, no registry) and {@code /deploy … --dry-run} (reads the deployment from the
 * simulated API server and resolves the tag in the simulated registry, then posts the plan).
 */
final class FirstMessageScenario {
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final SlashCommands commands;
  private final FakeSlackApi slack;
  private final HttpClient http = HttpClient.newHttpClient();

  FirstMessageScenario(SlashCommands commands, FakeSlackApi slack) {
    this.commands = commands;
    this.slack = slack;
  }

  Stats whoami(int count) throws IOException, InterruptedException {
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String user = String.format("U0PTWO%03d", i);
      String id = "slack id " + user;
      time(commands.request("whoami", user, "p2-whoami-" + i), c -> c.body().contains(id))
          .ifPresent(samples::add);
    }
    return Stats.of(samples);
  }

  Stats dryRun(int count, int firstService) throws IOException, InterruptedException {
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String service = World.name(firstService + i);
      time(
              commands.request(
                  "deploy " + service + " " + World.TAGS.get(1) + " --dry-run",
                  SlashCommands.USER,
                  "p2-dry-" + i),
              c -> c.body().contains(service) && c.body().contains("dry run"))
          .ifPresent(samples::add);
    }
    return Stats.of(samples);
  }

  private Optional<Double> time(HttpRequest request, Predicate<FakeSlackApi.Call> first)
      throws IOException, InterruptedException {
    long sent = System.nanoTime();
    HttpResponse<Void> ack = http.send(request, HttpResponse.BodyHandlers.discarding());
    if (ack.statusCode() != 200) {
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
