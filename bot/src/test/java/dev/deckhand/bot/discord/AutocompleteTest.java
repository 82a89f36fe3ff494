package dev.deckhand.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order tags are offered in: newest first, numbers read as numbers. */
class AutocompleteTest {
  @Test
  void naturalOrderPutsNewerVersionsAndDatesLast() {
    List<String> tags =
        new ArrayList<>(
            List.of(
                "v1.9.0",
                "v1.10.0",
                "v1.2.10",
                "p10e-mmc-20260519-d4",
                "p10e-mmc-20260520-c5",
                "v1.2.9"));
    tags.sort(Autocomplete.NATURAL.reversed());
    assertThat(tags)
        .containsExactly(
            "v1.10.0",
            "v1.9.0",
            "v1.2.10",
            "v1.2.9",
            "p10e-mmc-20260520-c5",
            "p10e-mmc-20260519-d4");
  }

  @Test
  void equalStringsCompareEqualAndPrefixesComeFirst() {
    assertThat(Autocomplete.NATURAL.compare("v1", "v1")).isZero();
    assertThat(Autocomplete.NATURAL.compare("v1", "v1-rc")).isNegative();
  }
}
