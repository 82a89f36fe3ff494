package dev.deckhand.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackRequestVerifierTest {
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final Instant NOW = Instant.ofEpochSecond(1_531_420_618);
  private static final byte[] BODY =
      ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
              + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
              + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
              + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
              + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
          .getBytes(StandardCharsets.UTF_8);

  /** The example of Slack's "Verifying requests from Slack" page. */
  private static final String SLACK_EXAMPLE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private final SlackRequestVerifier verifier =
      new SlackRequestVerifier(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  private static String ts(Instant t) {
    return String.valueOf(t.getEpochSecond());
  }

  @Test
  void acceptsSlacksOwnExample() {
    assertThat(SlackRequestVerifier.signature(SECRET, ts(NOW), BODY)).isEqualTo(SLACK_EXAMPLE);
    assertThat(verifier.rejection(ts(NOW), SLACK_EXAMPLE, BODY)).isEmpty();
    assertThat(verifier.verify(ts(NOW), SLACK_EXAMPLE, BODY)).isTrue();
  }

  @Test
  void acceptsATimestampJustWithinFiveMinutes() {
    Instant then = NOW.minusSeconds(300);
    assertThat(
            verifier.verify(ts(then), SlackRequestVerifier.signature(SECRET, ts(then), BODY), BODY))
        .isTrue();
  }

  @Test
  void refusesAWrongSignature() {
    String other = SlackRequestVerifier.signature("another-secret", ts(NOW), BODY);
    assertThat(verifier.rejection(ts(NOW), other, BODY))
        .hasValue("X-Slack-Signature does not match");
    assertThat(verifier.verify(ts(NOW), "v0=00", BODY)).isFalse();
    assertThat(verifier.verify(ts(NOW), SLACK_EXAMPLE.substring(3), BODY)).isFalse();
  }

  @Test
  void refusesAChangedBody() {
    byte[] changed =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("roadrunner", "coyote")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verify(ts(NOW), SLACK_EXAMPLE, changed)).isFalse();
  }

  @Test
  void refusesMissingHeaders() {
    assertThat(verifier.rejection(null, SLACK_EXAMPLE, BODY))
        .hasValue("no X-Slack-Request-Timestamp");
    assertThat(verifier.rejection(ts(NOW), null, BODY)).hasValue("no X-Slack-Signature");
    assertThat(verifier.rejection("", "", BODY)).isPresent();
    assertThat(verifier.rejection("yesterday", SLACK_EXAMPLE, BODY))
        .hasValue("X-Slack-Request-Timestamp is not a number");
  }

  @Test
  void refusesAStaleTimestampEvenWhenCorrectlySigned() {
    Instant stale = NOW.minusSeconds(301);
    String signature = SlackRequestVerifier.signature(SECRET, ts(stale), BODY);
    assertThat(verifier.rejection(ts(stale), signature, BODY))
        .hasValue("X-Slack-Request-Timestamp is more than 5 minutes off");
  }

  @Test
  void refusesATimestampFromTheFuture() {
    Instant future = NOW.plusSeconds(301);
    String signature = SlackRequestVerifier.signature(SECRET, ts(future), BODY);
    assertThat(verifier.verify(ts(future), signature, BODY)).isFalse();
  }
}
