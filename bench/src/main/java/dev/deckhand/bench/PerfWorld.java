package dev.deckhand.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A by-hand profiling aid, not a benchmark: hosts the benchmark's world (200 simulated deployments,
 * the fake Slack Web API) and writes the catalog and an env file, so that the bot can be started
 * from a shell with whatever JVM flags are being tried and inspected with {@code jcmd}. Then reads
 * commands from stdin: {@code deploy <bot-base-url> <from> <count> <tag>} sends that many signed
 * {@code /deckhand deploy}s at once; end of input stops the world. Used by {@code
 * bench/perf-world}.
 *
 * <p>Usage: {@code PerfWorld <dir> [services] [discord]}; with {@code discord} the catalog also
 * turns the Discord adapter on against a {@link FakeDiscord} (as the benchmark's main bot runs, so
 * that memory and threads are those of both adapters).
 */
public final class PerfWorld {
  private PerfWorld() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
    int services = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    boolean discordOn = args.length > 2 && args[2].equals("discord");
    String secret = UUID.randomUUID().toString();
    try (World world = World.start(services, 3, Duration.ofMillis(1500));
        FakeSlackApi slack = new FakeSlackApi();
        FakeDiscord discord = discordOn ? new FakeDiscord() : null) {
      Path catalog = world.writeCatalog(dir, slack.methodsUrl(), false, discord);
      Files.writeString(
          dir.resolve("env"),
          "export SLACK_BOT_TOKEN=xoxb-perf-"
              + UUID.randomUUID()
              + "\nexport SLACK_SIGNING_SECRET="
              + secret
              + "\nexport DISCORD_TOKEN=perf-bot-"
              + UUID.randomUUID()
              + "\n");
      System.out.println("world ready: catalog " + catalog + ", env " + dir.resolve("env"));
      HttpClient http = HttpClient.newHttpClient();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        String[] w = line.trim().split("\\s+");
        if (w.length == 5 && w[0].equals("deploy")) {
          SlashCommands commands = new SlashCommands(URI.create(w[1]), secret);
          int from = Integer.parseInt(w[2]);
          List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
          for (int i = from; i < from + Integer.parseInt(w[3]); i++) {
            sent.add(
                http.sendAsync(
                    commands.request(
                        "deploy " + World.name(i) + " " + w[4],
                        SlashCommands.USER,
                        "perf-" + UUID.randomUUID()),
                    HttpResponse.BodyHandlers.ofString()));
          }
          long ok =
              sent.stream()
                  .map(f -> f.handle((r, e) -> e == null && r.statusCode() == 200).join())
                  .filter(Boolean::booleanValue)
                  .count();
          System.out.println("sent " + sent.size() + ", " + ok + " acknowledged");
        }
      }
    }
    System.exit(0);
  }
}
