package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Slack's Socket Mode end to end: the bot opens a websocket to the fake's Socket Mode server (found
 * through {@code apps.connections.open}), receives envelopes and acknowledges them. The shared
 * behaviour is in {@link SlackChatContract}; here what only Socket Mode has: envelope
 * acknowledgements, redelivered envelopes and a dropped connection.
 */
class SlackSocketModeIT extends SlackChatContract {

  @Override
  String slackKeys() {
    return """
            bot-token: env:SLACK_BOT_TOKEN
            app-token: env:SLACK_APP_TOKEN""";
  }

  @Override
  void started() {
    await().atMost(PATIENCE).until(() -> fake.socketMode().openConnections() == 1);
    assertThat(world.runtime().slackAddress()).isEmpty();
  }

  @Override
  void command(String command, String text, String user, String trigger) {
    String envelope = "env-" + trigger + "-" + System.nanoTime();
    fake.socketMode().slashCommand(envelope, slashFields(command, text, user, trigger));
    await().atMost(ACK).until(() -> fake.socketMode().acks().contains(envelope));
  }

  /** A retry comes in a new envelope (Slack's retry_attempt) with the same event_id. */
  @Override
  void reaction(String eventId, String user, String ts, int attempt) {
    String envelope = "env-" + eventId + "-" + attempt;
    fake.socketMode().event(envelope, reactionEvent(eventId, user, ts), attempt);
    await().atMost(ACK).until(() -> fake.socketMode().acks().contains(envelope));
  }

  /** Socket Mode has no status to answer: the envelope is acknowledged, and nothing runs. */
  @Override
  void refused(Map<String, String> command, String event) {
    String envelope = "env-refused-" + System.nanoTime();
    if (command != null) {
      fake.socketMode().slashCommand(envelope, command);
    } else {
      fake.socketMode().event(envelope, event, 0);
    }
    await().atMost(ACK).until(() -> fake.socketMode().acks().contains(envelope));
  }

  @Test
  void theSameEnvelopeDeliveredAgainIsAcknowledgedAndRunOnce() {
    var fields = slashFields("/deploy", "dashboard p10e-dash-20260519 --env staging", BOB, "t-env");
    for (int i = 0; i < 4; i++) {
      fake.socketMode().slashCommand("env-repeated", fields);
    }
    await()
        .atMost(PATIENCE)
        .until(() -> fake.socketMode().acks().stream().filter("env-repeated"::equals).count() == 4);
    String header = "deploy dashboard p10e-dash-20260519-brand-fields · staging";
    awaitEdit(awaitPost(header).posted(), "succeeded");
    assertThat(posts(header)).hasSize(1);
  }

  @Test
  void aDroppedConnectionIsReopenedAndTheNextCommandWorks() throws Exception {
    int opened = fake.calls("apps.connections.open").size();
    int connections = fake.socketMode().connections();

    fake.socketMode().dropAll();

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.socketMode().connections() > connections
                    && fake.socketMode().openConnections() == 1);
    assertThat(fake.calls("apps.connections.open").size()).isGreaterThan(opened);
    command("/deckhand", "whoami", BOB, "trigger-after-reconnect");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fake.calls("chat.postMessage").stream()
                    .anyMatch(c -> content(c).contains("user: bob")));
  }
}
