package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.deckhand.bot.registry.InsecureRegistries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code deckhand check} on registries whose credentials would travel in clear. */
class CliCheckTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int check(String registry) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("catalog.yaml"),
            String.join(
                "\n",
                "registries:",
                "  default:",
                registry,
                "    username: robot",
                "    password: env:REGISTRY_TOKEN",
                "clusters: {prod: {context: prod}}",
                "environments: {prod: {cluster: prod}}",
                "services:",
                "  gateway:",
                "    image: acme/gateway",
                "    targets: {prod: {namespace: web, deployment: gateway}}",
                ""));
    Cli cli =
        new Cli(
            Map.of("REGISTRY_TOKEN", "dckr_pat_x", "DECKHAND_HOME", dir.toString()),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return cli.run(new String[] {"check", "--config", file.toString()});
  }

  @Test
  void credentialsOverHttpExitTwoNamingFileAndLine() throws Exception {
    assertThat(check("    url: http://registry.internal:5000")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(dir.resolve("catalog.yaml") + ":3")
        .contains("use https://, or set insecure: true for this registry")
        .doesNotContain("dckr_pat_x");
  }

  @Test
  void anInsecureRegistryPassesWithALoudWarning() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(InsecureRegistries.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      assertThat(check("    url: http://registry.internal:5000\n    insecure: true")).isZero();
    } finally {
      logger.detachAppender(logged);
    }
    assertThat(logged.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage())
                  .startsWith("INSECURE: registry default at http://registry.internal:5000");
            });
  }
}
