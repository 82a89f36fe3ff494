package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.slack.FakeSlack;
import dev.deckhand.bot.slack.FakeSlack.Call;
import dev.deckhand.bot.slack.SlackRequestVerifier;
import dev.deckhand.commands.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Many services deployed at once over Slack's HTTP mode, for the tests of Slack's budgets: a
 * generated catalog of {@code n} staging services on one simulated cluster, the bot started on it
 * with {@link FakeSlack} as the Web API, and signed slash commands sent to its endpoint.
 */
final class SlackLoad implements AutoCloseable {
  static final String SECRET = "load-signing-secret";
  static final String CHANNEL = "C0LOAD";
  static final String USER = "U0LOADER";
  static final Duration ACK = Duration.ofSeconds(3);

  final FakeSlack fake;
  final DemoWorld world;
  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(ACK).build();

  private SlackLoad(FakeSlack fake, DemoWorld world, URI endpoint) {
    this.fake = fake;
    this.world = world;
    this.endpoint = endpoint;
  }

  /** Starts {@code services} services whose rollouts take a few seconds each. */
  static SlackLoad start(Path dir, int services) throws Exception {
    FakeSlack fake = new FakeSlack();
    try {
      Path catalog = dir.resolve("load.yaml");
      Files.writeString(catalog, catalog(fake.methodsUrl(), services));
      DemoWorld world =
          DemoWorld.start(
              new CatalogLoader(
                  SecretResolver.standard(
                      Map.of("SLACK_BOT_TOKEN", "xoxb-load", "SLACK_SIGNING_SECRET", SECRET))),
              catalog,
              dir.resolve("home"),
              new Engine.Settings(8, 512, Duration.ofMinutes(5), Duration.ofSeconds(1)),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      world.runtime().start();
      int port = world.runtime().slackAddress().orElseThrow().getPort();
      return new SlackLoad(fake, world, URI.create("http://127.0.0.1:" + port));
    } catch (Exception | Error e) {
      fake.close();
      throw e;
    }
  }

  static String service(int i) {
    return String.format("svc%02d", i);
  }

  /** Sends {@code /deploy svcNN r2} for every service at once; each must be acked in time. */
  void deployAll(int services) throws Exception {
    var sent =
        IntStream.range(0, services)
            .mapToObj(i -> http.sendAsync(deploy(i), HttpResponse.BodyHandlers.ofString()))
            .toList();
    for (var response : sent) {
      assertThat(response.get().statusCode()).isEqualTo(200);
    }
  }

  /** The live messages of the deploys: the first post of each service's operation. */
  Map<String, Call> liveMessages() {
    Map<String, Call> out = new LinkedHashMap<>();
    for (Call c : fake.calls("chat.postMessage")) {
      if (c.status() == 200 && c.threadTs() == null && c.text() != null) {
        for (int i = 0; i < 100; i++) {
          if (c.text().contains("deploy " + service(i) + " ")) {
            out.putIfAbsent(service(i), c);
          }
        }
      }
    }
    return out;
  }

  /** The last accepted edit of a message, or null. */
  Call lastEdit(Call posted) {
    List<Call> mine =
        fake.calls("chat.update").stream()
            .filter(c -> c.ts().equals(posted.posted()) && c.status() == 200)
            .toList();
    return mine.isEmpty() ? null : mine.get(mine.size() - 1);
  }

  private HttpRequest deploy(int i) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("team_id", "T0001");
    fields.put("channel_id", CHANNEL);
    fields.put("user_id", USER);
    fields.put("user_name", "loader");
    fields.put("command", "/deploy");
    fields.put("text", service(i) + " r2 --env staging");
    fields.put("trigger_id", "load-" + i + "-" + System.nanoTime());
    String body = SlackHttpIT.form(fields);
    String ts = String.valueOf(Instant.now().getEpochSecond());
    return HttpRequest.newBuilder(endpoint.resolve("/slack/commands"))
        .timeout(ACK)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", ts)
        .header(
            "X-Slack-Signature",
            SlackRequestVerifier.signature(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String catalog(String api, int services) {
    StringBuilder yaml =
        new StringBuilder(
            """
            default-environment: staging
            chat:
              slack:
                mode: http
                bot-token: env:SLACK_BOT_TOKEN
                signing-secret: env:SLACK_SIGNING_SECRET
                http: { listen: "127.0.0.1:0" }
                team-id: T0001
                api-url: "%s"
                insecure: true
            registries:
              default: { url: "${sim.registry}" }
            clusters:
              staging: { context: staging }
            environments:
              staging: { cluster: staging, channels: ["%s"] }
            roles:
              loaders:
                slack: [%s]
                grants: ["deploy:*", "status:*"]
            services:
            """
                .formatted(api, CHANNEL, USER));
    for (int i = 0; i < services; i++) {
      yaml.append(
          """
            %1$s:
              image: example/%1$s
              tag-pattern: 'r\\d+'
              targets:
                staging: { namespace: load, deployment: %1$s, container: app }
          """
              .formatted(service(i)));
    }
    yaml.append(
        """
        demo:
          replicas: 3
          progress-deadline: 60s
          ready-delay: 1s
          tags:
        """);
    for (int i = 0; i < services; i++) {
      yaml.append("    ").append(service(i)).append(": [r1, r2]\n");
    }
    return yaml.toString();
  }

  @Override
  public void close() {
    world.close();
    fake.close();
  }
}
