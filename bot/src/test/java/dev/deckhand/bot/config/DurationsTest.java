package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parsesTheFourUnits() {
    assertThat(Durations.parse("400ms")).contains(Duration.ofMillis(400));
    assertThat(Durations.parse("5s")).contains(Duration.ofSeconds(5));
    assertThat(Durations.parse("2m")).contains(Duration.ofMinutes(2));
    assertThat(Durations.parse("2h")).contains(Duration.ofHours(2));
  }

  @Test
  void refusesZeroNegativeAndOtherShapes() {
    assertThat(Durations.parse("0s")).isEmpty();
    assertThat(Durations.parse("-5s")).isEmpty();
    assertThat(Durations.parse("5")).isEmpty();
    assertThat(Durations.parse("1.5s")).isEmpty();
    assertThat(Durations.parse("5 s")).isEmpty();
    assertThat(Durations.parse("PT5S")).isEmpty();
  }
}
