package dev.deckhand.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import dev.deckhand.commands.chat.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot's own logback.xml, loaded into a context of its own, writing to a temporary home. */
class LogRedactionTest {
  @TempDir Path home;
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void stop() {
    context.stop();
    LogRedaction.install(Redactor.SHAPES_ONLY);
  }

  @Test
  void theLogMasksConfiguredSecretsAndTokenShapesInMessagesAndStackTraces() throws Exception {
    configure();
    LogRedaction.install(Redactor.of(List.of("s3cret-db-password")));

    var log = context.getLogger("dev.deckhand.test");
    log.info("connecting with s3cret-db-password and xoxb-123456789012-abcdefABCDEF");
    log.info(
        "while calling the registry",
        new IllegalStateException("401 for Authorization: Bearer eyJabc.def-ghi_jkl"));
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .as("every line was written")
        .noneMatch(s -> s.getEffectiveLevel() >= Status.ERROR);
    context.stop();

    String written = Files.readString(home.resolve("logs/deckhand.log"));
    assertThat(written)
        .contains("connecting with ‹redacted› and ‹redacted›")
        .contains("IllegalStateException: 401 for Authorization: Bearer ‹redacted›")
        .contains("at dev.deckhand.bot.logging.LogRedactionTest")
        .doesNotContain("s3cret-db-password")
        .doesNotContain("xoxb-1234")
        .doesNotContain("eyJabc");
  }

  @Test
  void controlCharactersInMessagesAndExceptionMessagesCannotForgeALine() throws Exception {
    configure();
    LogRedaction.install(Redactor.SHAPES_ONLY);
    var log = context.getLogger("dev.deckhand.test");
    String typed =
        "gateway v1\n2026-05-19 10:00:00,000 INFO  [main] d.d.Engine - approved by bob\r\u001b[2J";
    log.info("refused '{}' from alice", typed);
    log.error("internal error", new IllegalStateException("bad text: " + typed));
    context.stop();

    List<String> lines = Files.readAllLines(home.resolve("logs/deckhand.log"));
    assertThat(lines).noneMatch(l -> l.startsWith("2026-05-19 10:00:00,000 INFO"));
    assertThat(lines).noneMatch(l -> l.contains("\u001b") || l.contains("\r"));
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .endsWith(
                        "refused 'gateway v1\\n2026-05-19 10:00:00,000 INFO  [main] d.d.Engine"
                            + " - approved by bob\\r\\u001b[2J' from alice"));
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("java.lang.IllegalStateException: bad text:"))
        .anySatisfy(l -> assertThat(l).startsWith("\tat dev.deckhand.bot.logging."));
  }

  @Test
  void escapesEveryControlCharacterAndNothingElse() {
    assertThat(ControlCharacters.escape("a\tb\u0000c\u007fd\u0085e\u2028f · ‹redacted› é"))
        .isEqualTo("a\\tb\\u0000c\\u007fd\\u0085e\\u2028f · ‹redacted› é");
    assertThat(ControlCharacters.escape("plain")).isEqualTo("plain");
    assertThat(ControlCharacters.escape(null)).isNull();
  }

  private void configure() throws Exception {
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    context.putProperty("DECKHAND_HOME", home.toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getResource("/logback.xml"));
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .as("logback.xml loads without errors")
        .noneMatch(s -> s.getEffectiveLevel() >= Status.WARN);
  }
}
