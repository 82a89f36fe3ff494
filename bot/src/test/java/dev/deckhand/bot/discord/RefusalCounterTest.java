package dev.deckhand.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalCounterTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final RefusalCounter counter = new RefusalCounter(nanos::get);
  private final Logger logger = (Logger) LoggerFactory.getLogger(RefusalCounter.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void capture() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logged);
  }

  @Test
  void countsRefusalsOverTheLastTenMinutesOnly() {
    counter.record(429, "PATCH a");
    advance(Duration.ofMinutes(4));
    counter.record(403, "POST b");
    advance(Duration.ofMinutes(6).minusNanos(1));
    counter.record(401, "GET c");
    assertThat(counter.count()).isEqualTo(3);

    advance(Duration.ofNanos(1)); // the first is ten minutes old now
    assertThat(counter.count()).isEqualTo(2);
    advance(Duration.ofMinutes(4));
    assertThat(counter.count()).isEqualTo(1);
    advance(Duration.ofMinutes(6));
    assertThat(counter.count()).isZero();
  }

  @Test
  void warnsFromAThousandOnAndAgainEachTimeTheCountDoubles() {
    refuse(RefusalCounter.WARN_AT - 1);
    assertThat(warnings()).isEmpty();

    refuse(1);
    assertThat(warnings()).hasSize(1);
    assertThat(warnings().get(0))
        .startsWith("Discord refused 1000 requests in the last 10 minutes (last: PATCH x → 429)");

    refuse(999);
    assertThat(warnings()).hasSize(1);
    refuse(1);
    assertThat(warnings()).hasSize(2);
    assertThat(warnings().get(1)).startsWith("Discord refused 2000 requests");
  }

  @Test
  void warnsAgainAfterTheWindowEmptiedAndTheCountClimbsBack() {
    refuse(RefusalCounter.WARN_AT);
    assertThat(warnings()).hasSize(1);

    advance(RefusalCounter.WINDOW);
    refuse(RefusalCounter.WARN_AT - 1);
    assertThat(counter.count()).isEqualTo(RefusalCounter.WARN_AT - 1);
    assertThat(warnings()).hasSize(1);
    refuse(1);
    assertThat(warnings()).hasSize(2);
    assertThat(warnings().get(1)).startsWith("Discord refused 1000 requests");
  }

  private void refuse(int n) {
    for (int i = 0; i < n; i++) {
      advance(Duration.ofMillis(1));
      counter.record(429, "PATCH x");
    }
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private List<String> warnings() {
    return logged.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
