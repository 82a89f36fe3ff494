package dev.deckhand.bot.slack;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks Slack's request signature: {@code X-Slack-Signature} must be {@code v0=} + hex HMAC-SHA256
 * of {@code v0:<timestamp>:<raw body>} under the signing secret, compared in constant time, and
 * {@code X-Slack-Request-Timestamp} must be within {@link #MAX_SKEW} of the clock (either way), so
 * that a recorded request cannot be replayed later. Thread-safe.
 *
 * <p>It is the verifier of Bolt's own {@code RequestVerification} middleware (see {@link
 * SlackBolt}), stricter than Bolt's default one: that one compares with {@code equals}, accepts
 * timestamps from the future and hashes the body in the platform's default charset.
 */
public final class SlackRequestVerifier extends SlackSignature.Verifier {
  private static final Logger log = LoggerFactory.getLogger(SlackRequestVerifier.class);

  /** How far a request's timestamp may be from now, in the past or the future. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;
  private final Clock clock;

  public SlackRequestVerifier(String signingSecret, Clock clock) {
    super(new SlackSignature.Generator(nonEmpty(signingSecret)));
    if (signingSecret.isEmpty()) {
      throw new IllegalArgumentException("the signing secret is empty");
    }
    this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static String nonEmpty(String signingSecret) {
    Objects.requireNonNull(signingSecret, "signingSecret");
    if (signingSecret.isEmpty()) {
      throw new IllegalArgumentException("the signing secret is empty");
    }
    return signingSecret;
  }

  /** Bolt's entry point: the body as Bolt holds it, which is the raw body decoded as UTF-8. */
  @Override
  public boolean isValid(String timestamp, String body, String signature, long nowInMillis) {
    Optional<String> rejected =
        rejection(timestamp, signature, body.getBytes(StandardCharsets.UTF_8), nowInMillis / 1000);
    rejected.ifPresent(why -> log.warn("refused a request that claims to be Slack's: {}", why));
    return rejected.isEmpty();
  }

  @Override
  public boolean isValid(String timestamp, String body, String signature) {
    return isValid(timestamp, body, signature, clock.millis());
  }

  /** True when the request is signed with the secret and is recent. */
  public boolean verify(String timestamp, String signature, byte[] body) {
    return rejection(timestamp, signature, body).isEmpty();
  }

  /** Why the request is refused (for the log; never contains the secret), empty when it is not. */
  public Optional<String> rejection(String timestamp, String signature, byte[] body) {
    return rejection(timestamp, signature, body, clock.instant().getEpochSecond());
  }

  private Optional<String> rejection(String timestamp, String signature, byte[] body, long now) {
    if (timestamp == null || timestamp.isBlank()) {
      return Optional.of("no X-Slack-Request-Timestamp");
    }
    if (signature == null || signature.isBlank()) {
      return Optional.of("no X-Slack-Signature");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return Optional.of("X-Slack-Request-Timestamp is not a number");
    }
    if (Math.abs(now - seconds) > MAX_SKEW.toSeconds()) {
      return Optional.of("X-Slack-Request-Timestamp is more than 5 minutes off");
    }
    byte[] expected = ("v0=" + sign(timestamp.trim(), body)).getBytes(StandardCharsets.UTF_8);
    byte[] given = signature.trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      return Optional.of("X-Slack-Signature does not match");
    }
    return Optional.empty();
  }

  /** The hex signature of a request (without {@code v0=}); what Slack sends, for tests too. */
  String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The {@code X-Slack-Signature} value Slack would send with this secret. */
  public static String signature(String signingSecret, String timestamp, byte[] body) {
    return "v0=" + new SlackRequestVerifier(signingSecret, Clock.systemUTC()).sign(timestamp, body);
  }
}
