package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.read.ListAppender;
import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.logging.RedactedMessage;
import dev.deckhand.bot.logging.RedactedThrowable;
import dev.deckhand.bot.slack.FakeSlack;
import dev.deckhand.bot.slack.SlackRequestVerifier;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.store.AuditExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Two canary secrets, one a configured value (the Slack signing secret) and one the password of a
 * connection string, typed into lock, freeze, break-glass and reject reasons and a refused command,
 * and planted in the log of a pod that crashes during a deploy: driven through Slack's HTTP mode
 * against {@link FakeSlack} (and one line through the console), on simulated clusters and the
 * embedded PostgreSQL. Neither canary may appear in anything the bot sent to Slack or printed on
 * the console, in any text column of the store, in the audit export or in the bot's log.
 */
@Timeout(240)
class SecretCanaryIT {
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final String CONFIGURED = "cnry-signing-5e8a1f0b7d";
  static final String PASSWORD = "cnry-dbpw-93b2c7";
  static final String PEM_BODY = "MIIEcnrypem7Q2ZBmxK9";
  static final String URL = "postgres://deckhand:" + PASSWORD + "@db.internal:5432/app";
  static final String REASON = "\"db creds " + URL + ", signing " + CONFIGURED + "\"";
  static final List<String> CANARIES = List.of(CONFIGURED, PASSWORD, PEM_BODY);
  static final String CHANNEL = "C0DEPLOYS";
  static final String ALICE = "U0ALICE";
  static final String BOB = "U0BOB";

  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  final ByteArrayOutputStream console = new ByteArrayOutputStream();
  final ListAppender<ILoggingEvent> raw = new ListAppender<>();
  OutputStreamAppender<ILoggingEvent> redacted;
  FakeSlack fake;
  DemoWorld world;
  URI endpoint;
  int deliveries;

  @BeforeEach
  void start() throws Exception {
    captureTheLog();
    fake = new FakeSlack();
    Path catalog = dir.resolve("canary.yaml");
    try (var in = getClass().getResourceAsStream("/config/canary.yaml")) {
      Files.writeString(
          catalog,
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("${fake.slack}", fake.methodsUrl()));
    }
    world =
        DemoWorld.start(
            new CatalogLoader(
                SecretResolver.standard(
                    Map.of(
                        "SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_SIGNING_SECRET", CONFIGURED))),
            catalog,
            dir.resolve("home"),
            Engine.Settings.defaults(),
            new PrintStream(console, true, StandardCharsets.UTF_8));
    world
        .sim()
        .cluster("staging")
        .plantCrashLog(
            "FATAL cannot reach "
                + URL
                + " (signing secret "
                + CONFIGURED
                + ")\n-----BEGIN RSA PRIVATE KEY-----\n"
                + PEM_BODY
                + "\n-----END RSA PRIVATE KEY-----");
    world.runtime().start();
    endpoint =
        URI.create("http://127.0.0.1:" + world.runtime().slackAddress().orElseThrow().getPort());
  }

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
    if (fake != null) {
      fake.close();
    }
    Logger root = root();
    root.detachAppender(redacted);
    root.detachAppender(raw);
  }

  @Test
  void theCanariesNeverReachChatTheStoreTheAuditExportOrTheLog() throws Exception {
    command("/lock", "dashboard --env staging " + REASON, ALICE);
    awaitPost("is locked by");
    command("/unlock", "dashboard --env staging", ALICE);
    awaitPost("is unlocked by");
    command("/freeze", "prod 1h " + REASON, ALICE);
    awaitPost("is frozen until");
    command("/deploy", "gateway p10e-mmc-20260519 --env prod --break-glass " + REASON, ALICE);
    awaitEdit("deploy gateway p10e-mmc-20260519-d4-webhooks · prod", "succeeded");
    command("/unfreeze", "prod", ALICE);
    awaitPost("is no longer frozen");

    command("/deploy", "dashboard p10e-dash-20260519 --env prod", ALICE);
    String request = awaitPost("deploy dashboard p10e-dash-20260519-brand-fields · prod").posted();
    ApprovalStore.Request pending =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    world.database().stores().approvals().pending().stream()
                        .filter(p -> request.equals(p.messageId()))
                        .findFirst()
                        .orElse(null),
                p -> p != null);
    command("/reject", pending.operationId() + " " + REASON, BOB);
    awaitEdit("deploy dashboard p10e-dash-20260519-brand-fields · prod", "rejected");

    // Refused by the cluster or the registry (nothing of it is simulated): logged with its text.
    command("/deploy", "ghost p10e-ghost-20260519 --env staging --break-glass " + REASON, ALICE);
    await()
        .atMost(PATIENCE)
        .until(() -> raw.list.stream().anyMatch(e -> e.getFormattedMessage().contains("ghost")));

    command("/deploy", "gateway p10e-mmc-20260521-crash --env staging", ALICE);
    awaitEdit("deploy gateway p10e-mmc-20260521-crash · staging", "rolled-back");
    FakeSlack.Call tail = awaitPost("last log lines");
    assertThat(SlackChatContract.content(tail))
        .contains("FATAL cannot reach postgres://deckhand:‹redacted›@db.internal:5432/app")
        .contains("(signing secret ‹redacted›)");
    await().atMost(PATIENCE).until(() -> world.runtime().engine().awaitIdle(Duration.ofSeconds(1)));

    // The console is a chat too: its echo of a scripted line and its answer.
    world.runtime().console().accept("/lock dashboard --env staging " + REASON);
    await().atMost(PATIENCE).until(() -> consoleText().contains("[m"));
    await().atMost(PATIENCE).until(() -> world.runtime().engine().awaitIdle(Duration.ofSeconds(1)));

    // The canaries were there to leak: the log events quote them before the log's converters run.
    assertThat(raw.list)
        .anyMatch(e -> e.getFormattedMessage().contains(PASSWORD))
        .anyMatch(e -> e.getFormattedMessage().contains(CONFIGURED));

    String chat = chatText() + consoleText();
    String export = auditExport();
    List<String> stored = storedTexts();
    String log = logged.toString(StandardCharsets.UTF_8);
    for (String canary : CANARIES) {
      assertThat(chat).as("chat").doesNotContain(canary);
      assertThat(stored).as("store").noneMatch(t -> t.contains(canary));
      assertThat(export).as("audit export").doesNotContain(canary);
      assertThat(log).as("log").doesNotContain(canary);
    }
    assertThat(chat).contains("‹redacted›");
    assertThat(consoleText())
        .contains(
            "alice> /lock dashboard --env staging \"db creds postgres://deckhand:‹redacted›@");
    assertThat(export).contains("db creds postgres://deckhand:‹redacted›@db.internal");
    assertThat(stored)
        .anyMatch(t -> t.contains("--break-glass \"db creds postgres://deckhand:‹redacted›@"));
    assertThat(log).contains("ghost").contains("signing ‹redacted›");
  }

  private String consoleText() {
    return console.toString(StandardCharsets.UTF_8);
  }

  /** Everything the bot sent to Slack: every parameter of every call. */
  private String chatText() {
    StringBuilder all = new StringBuilder();
    fake.calls().forEach(c -> c.params().values().forEach(v -> all.append(v).append('\n')));
    return all.toString();
  }

  private String auditExport() {
    StringWriter out = new StringWriter();
    long rows = new AuditExporter(world.database().dataSource()).export(out);
    assertThat(rows).isGreaterThan(5);
    return out.toString();
  }

  /** Every value of every text-like column of every table of the store. */
  private List<String> storedTexts() throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = world.database().dataSource().getConnection()) {
      List<String[]> columns = new ArrayList<>();
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT table_name, column_name FROM information_schema.columns"
                      + " WHERE table_schema = current_schema()"
                      + " AND data_type IN ('text', 'character varying', 'character', 'jsonb')")) {
        while (rs.next()) {
          columns.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      assertThat(columns).extracting(t -> t[0] + "." + t[1]).contains("operation.command_text");
      for (String[] column : columns) {
        try (ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT \"%s\"::text FROM \"%s\"".formatted(column[1], column[0]))) {
          while (rs.next()) {
            if (rs.getString(1) != null) {
              values.add(rs.getString(1));
            }
          }
        }
      }
    }
    return values;
  }

  private void captureTheLog() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayout layout = new PatternLayout();
    layout.getInstanceConverterMap().put("redacted", RedactedMessage::new);
    layout.getInstanceConverterMap().put("redactedEx", RedactedThrowable::new);
    layout.setPattern("%-5level %logger - %redacted%n%redactedEx");
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setLayout(layout);
    encoder.setContext(context);
    encoder.start();
    redacted = new OutputStreamAppender<>();
    redacted.setContext(context);
    redacted.setEncoder(encoder);
    redacted.setOutputStream(logged);
    redacted.start();
    raw.setContext(context);
    raw.start();
    root().addAppender(redacted);
    root().addAppender(raw);
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private void command(String command, String text, String user) throws Exception {
    String body =
        SlackHttpIT.form(
            SlackChatContract.slashFields(command, text, user, "trigger-" + ++deliveries));
    String ts = String.valueOf(Instant.now().getEpochSecond());
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(endpoint.resolve("/slack/commands"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header(
                    "X-Slack-Signature",
                    SlackRequestVerifier.signature(
                        CONFIGURED, ts, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private FakeSlack.Call awaitPost(String text) {
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.postMessage").stream()
                    .filter(c -> SlackChatContract.content(c).contains(text))
                    .findFirst()
                    .orElse(null),
            c -> c != null);
  }

  private void awaitEdit(String header, String state) {
    String ts = awaitPost(header).posted();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.update").stream()
                    .anyMatch(
                        c -> c.ts().equals(ts) && c.text() != null && c.text().contains(state)));
  }
}
