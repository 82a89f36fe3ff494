package dev.deckhand.bot.config;

import static dev.deckhand.bot.config.ApprovalRulesTest.withProd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code environments.<env>.zone}: the zone of times shown to users and of zoneless windows. */
class EnvironmentZoneRulesTest {
  @TempDir Path dir;

  private EnvironmentSpec prod(CatalogYaml yaml) throws CatalogException {
    return new Loading(dir).load(yaml.text()).catalog().environment("prod").orElseThrow();
  }

  @Test
  void withoutZoneItIsTheFirstWindowsZoneElseUtc() throws Exception {
    assertThat(prod(withProd("")).zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(
            prod(withProd(
                    "    freezes: [{from: \"fri 16:00\", to: \"mon 08:00\","
                        + " zone: America/New_York, reason: weekend}]"))
                .zone())
        .isEqualTo(ZoneId.of("America/New_York"));
  }

  @Test
  void theZoneKeyIsUsedAndZonelessWindowsTakeIt() throws Exception {
    EnvironmentSpec prod =
        prod(
            withProd(
                "    zone: Europe/Berlin\n"
                    + "    freezes:\n"
                    + "      - {from: \"fri 16:00\", to: \"mon 08:00\", reason: weekend}\n"
                    + "      - {from: \"wed 11:30\", to: \"wed 13:00\", zone: UTC, reason: lunch}"));

    assertThat(prod.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(prod.freezes().get(0).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(prod.freezes().get(1).zone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void aWrongZoneIsReportedWithASuggestion() {
    assertThat(new Loading(dir).problems(withProd("    zone: Europe/Berln").text()))
        .containsExactly(
            "11: environments.prod.zone: 'Europe/Berln' is not a time zone (did you mean"
                + " 'Europe/Berlin'?); write a region like Europe/Zurich, or UTC");
  }
}
