package dev.deckhand.bot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void anOrdinaryIdIsShownAsItIs() {
    assertThat(Printable.of("T0001")).isEqualTo("T0001");
  }

  @Test
  void controlCharactersAndLineSeparatorsCannotStartALine() {
    assertThat(Printable.of("T1\nWARN forged\r\u0000\u2028x"))
        .isEqualTo("T1\\u000aWARN forged\\u000d\\u0000\\u2028x");
  }

  @Test
  void aLongValueIsCutAndNullIsNamed() {
    assertThat(Printable.of("A".repeat(500))).hasSize(Printable.LIMIT + 1).endsWith("A…");
    assertThat(Printable.of(null)).isEqualTo("(none)");
  }
}
