package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.bot.slack.FakeSlack;
import dev.deckhand.kubesim.KubeSim;
import dev.deckhand.kubesim.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deckhand run} as deployed: Slack in Socket Mode, no terminal. The bot must keep serving
 * once its console input ends, and stop cleanly on SIGTERM, with its embedded PostgreSQL shut down
 * (a PostgreSQL left running slows down the next start and may lose the last writes).
 */
@Timeout(180)
class RunModeIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aSocketModeBotWithoutAConsoleKeepsServingAndStopsCleanlyOnSigterm() throws Exception {
    try (FakeSlack fake = new FakeSlack();
        KubeSim sim = KubeSim.start(List.of("staging", "prod"), SimOptions.defaults())) {
      Path kubeconfig = dir.resolve("kubeconfig");
      sim.writeKubeconfig(kubeconfig);
      Path catalog = dir.resolve("deckhand.yaml");
      DemoFiles.copyTo(dir);
      Files.writeString(catalog, catalog(sim, kubeconfig, fake));
      Path home = Files.createDirectories(dir.resolve("home"));

      BotProcess bot = BotProcess.start(catalog, home);
      try {
        bot.awaitOutput(PATIENCE, out -> assertThat(out).contains("Serving Slack."));
        bot.closeInput();
        bot.awaitOutput(
            PATIENCE,
            out ->
                assertThat(out)
                    .contains(
                        "Console input ended; Deckhand keeps serving Slack until it is stopped"));
        await().atMost(PATIENCE).until(() -> fake.socketMode().openConnections() == 1);
        fake.socketMode()
            .slashCommand(
                "env-run-1",
                SlackChatContract.slashFields("/whoami", "", "U0ALICE", "trigger-run-1"));
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    fake.calls().stream()
                        .anyMatch(c -> c.text() != null && c.text().contains("Who you are")));
        assertThat(bot.alive()).as("still serving after its console input ended").isTrue();
        assertThat(postmasterPids(home)).as("the embedded PostgreSQL runs").isNotEmpty();

        assertThat(bot.terminate()).as("exit status after SIGTERM").isEqualTo(143);
        assertThat(postmasterPids(home))
            .as("the embedded PostgreSQL was shut down with the bot")
            .isEmpty();
      } finally {
        bot.close();
      }
    }
  }

  @Test
  void sigtermWhileTheConsoleIsStillOpenStopsEverything() throws Exception {
    try (FakeSlack fake = new FakeSlack();
        KubeSim sim = KubeSim.start(List.of("staging", "prod"), SimOptions.defaults())) {
      Path kubeconfig = dir.resolve("kubeconfig");
      sim.writeKubeconfig(kubeconfig);
      Path catalog = dir.resolve("deckhand.yaml");
      DemoFiles.copyTo(dir);
      Files.writeString(catalog, catalog(sim, kubeconfig, fake));
      Path home = Files.createDirectories(dir.resolve("home"));

      BotProcess bot = BotProcess.start(catalog, home);
      try {
        bot.awaitOutput(PATIENCE, out -> assertThat(out).contains("Serving Slack."));
        assertThat(postmasterPids(home)).isNotEmpty();
        assertThat(bot.terminate()).isEqualTo(143);
        assertThat(postmasterPids(home)).isEmpty();
        assertThat(fake.socketMode().openConnections()).isZero();
      } finally {
        bot.close();
      }
    }
  }

  private static List<Path> postmasterPids(Path home) throws Exception {
    try (Stream<Path> files = Files.walk(home)) {
      return files.filter(f -> f.getFileName().toString().equals("postmaster.pid")).toList();
    }
  }

  private String catalog(KubeSim sim, Path kubeconfig, FakeSlack fake) throws Exception {
    Path botToken = Files.writeString(dir.resolve("bot-token"), "xoxb-run-test");
    Path appToken = Files.writeString(dir.resolve("app-token"), "xapp-1-run-test");
    String yaml = Files.readString(Path.of("..", "config", "demo.yaml"));
    String config = "kubeconfig: \"" + kubeconfig.toAbsolutePath() + "\", ";
    String slack =
        """
        chat:
          slack:
            mode: socket
            bot-token: "file:%s"
            app-token: "file:%s"
            team-id: T0001
            api-url: "%s"
            insecure: true
        """
            .formatted(botToken, appToken, fake.methodsUrl());
    return yaml.replace("${sim.registry}", sim.registry().baseUrl())
        .replace("${sim.health}", sim.health().baseUrl())
        .replace("${sim.prometheus}", sim.prometheus().baseUrl())
        .replace("staging: { context: staging }", "staging: { " + config + "context: staging }")
        .replace("prod: { context: prod }", "prod: { " + config + "context: prod }")
        .replaceFirst("(?m)^chat:\n", slack);
  }
}
