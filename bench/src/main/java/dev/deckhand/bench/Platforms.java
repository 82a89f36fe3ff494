package dev.deckhand.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The chat platforms P1 should cover, and whether the bot under test has an adapter for each, asked
 * of the bot itself at run time: {@code deckhand check} on a catalog whose {@code chat:} turns the
 * adapter on. A platform without an adapter, or without a driver in this harness, is reported as
 * not measured with the reason; nothing is estimated.
 */
final class Platforms {

  /**
   * A chat platform. {@code chatSection} is the catalog's {@code chat:} body that enables it; a
   * driver measures acknowledgements once the adapter exists. Slack HTTP ({@link LoadGen}), Slack
   * Socket Mode ({@link SocketModeSlack}) and Discord ({@link FakeDiscord}) have drivers.
   */
  record Platform(String name, String chatSection, boolean hasDriver) {}

  /** What the bot said about one platform. */
  record Presence(Platform platform, boolean present, String reason) {}

  static final Platform SLACK_HTTP =
      new Platform(
          "Slack HTTP",
          """
            slack:
              mode: http
              team-id: T0BENCH
              bot-token: env:SLACK_BOT_TOKEN
              signing-secret: env:SLACK_SIGNING_SECRET
          """,
          true);
  static final Platform SLACK_SOCKET =
      new Platform(
          "Slack Socket Mode",
          """
            slack:
              mode: socket
              team-id: T0BENCH
              bot-token: env:SLACK_BOT_TOKEN
              app-token: env:SLACK_APP_TOKEN
          """,
          true);
  static final Platform DISCORD =
      new Platform(
          "Discord",
          """
            discord:
              token: env:DISCORD_TOKEN
              guild: "100000000000000001"
              api-url: "http://127.0.0.1:9/api/v10"
              gateway-url: "ws://127.0.0.1:9/gateway"
              insecure: true
          """,
          true);

  static final List<Platform> ALL = List.of(SLACK_HTTP, SLACK_SOCKET, DISCORD);

  private Platforms() {}

  static List<Presence> detect(Path botJar, Path dir) throws IOException, InterruptedException {
    List<Presence> out = new ArrayList<>();
    for (Platform p : ALL) {
      out.add(detect(botJar, dir, p));
    }
    return out;
  }

  private static Presence detect(Path botJar, Path dir, Platform p)
      throws IOException, InterruptedException {
    Path catalog = dir.resolve("probe-" + p.name().replace(' ', '-').toLowerCase() + ".yaml");
    Files.writeString(
        catalog,
        "chat:\n"
            + p.chatSection()
            + """
            registries:
              default: { url: "http://127.0.0.1:9/" }
            clusters:
              c: { context: c }
            environments:
              e: { cluster: c }
            services:
              s:
                image: probe/s
                targets:
                  e: { namespace: n, deployment: s, container: app }
            """);
    Path out = dir.resolve(catalog.getFileName() + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m",
                "-jar",
                botJar.toString(),
                "check",
                "--config",
                catalog.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    builder.environment().put("DECKHAND_HOME", dir.resolve("probe-home").toString());
    builder.environment().put("SLACK_BOT_TOKEN", "xoxb-probe");
    builder.environment().put("SLACK_APP_TOKEN", "xapp-probe");
    builder.environment().put("SLACK_SIGNING_SECRET", "probe");
    builder.environment().put("DISCORD_TOKEN", "probe");
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Presence(p, false, "deckhand check did not answer within 60 s");
    }
    if (process.exitValue() == 0) {
      return new Presence(p, true, "");
    }
    // The rest of the probe catalog is valid, so what check refuses is the chat section; the
    // problem lines start with the probe file's path, left out here.
    String file = catalog.toString() + ":";
    Optional<String> why =
        Files.readAllLines(out).stream()
            .filter(l -> l.startsWith(file) && l.contains("chat"))
            .map(l -> l.substring(file.length()))
            .findFirst();
    return new Presence(
        p, false, why.orElse("deckhand check refused the catalog").trim().replace('|', '/'));
  }
}
