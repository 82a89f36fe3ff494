package dev.deckhand.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.chat.RateLimitedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The gate of one channel's posts on a manual clock: a Retry-After fails fast, nothing sleeps. */
class PostGateTest {
  private final AtomicLong now = new AtomicLong(5_000_000_000L);
  private final PostGate gate = new PostGate(now::get);
  private final AtomicInteger calls = new AtomicInteger();

  private String post() {
    calls.incrementAndGet();
    return "ok";
  }

  private String refused() {
    calls.incrementAndGet();
    throw new RateLimitedException("429", Duration.ofSeconds(5));
  }

  @Test
  void aPostIsMadeWhenTheChannelMayBePostedTo() {
    assertThat(gate.call(this::post)).isEqualTo("ok");
    assertThat(calls).hasValue(1);
  }

  @Test
  void a429IsPassedOnOnceAndNotRetried() {
    assertThatThrownBy(() -> gate.call(this::refused))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5)));
    assertThat(calls).hasValue(1);
  }

  @Test
  void withinTheRetryAfterAPostFailsAtOnceWithTheTimeLeftWithoutCallingSlack() {
    assertThatThrownBy(() -> gate.call(this::refused)).isInstanceOf(RateLimitedException.class);
    now.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThatThrownBy(() -> gate.call(this::post))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    assertThat(calls).as("no call reached Slack within its Retry-After").hasValue(1);

    now.addAndGet(Duration.ofSeconds(3).toNanos());
    assertThat(gate.call(this::post)).isEqualTo("ok");
    assertThat(calls).hasValue(2);
  }
}
