package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.PromotionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promotion:}, the zones of {@code /promote}. */
class PromotionRulesTest {
  @TempDir java.nio.file.Path dir;

  private Loading loading() {
    return new Loading(dir);
  }

  @Test
  void theShortFormIsTheChainAlone() throws Exception {
    Catalog catalog =
        loading().load(CatalogYaml.valid().with("promotion", " [staging, prod]").text()).catalog();

    assertThat(catalog.promotion())
        .isEqualTo(new PromotionSpec(List.of("staging", "prod"), Duration.ZERO, Map.of()));
  }

  @Test
  void theLongFormHasASoakAndZoneTags() throws Exception {
    String yaml =
        CatalogYaml.valid()
            .with(
                "promotion",
                "\n  chain: [staging, prod]\n  soak: 30m\n  zone-tags: {prod: production}")
            .text();

    assertThat(loading().load(yaml).catalog().promotion())
        .isEqualTo(
            new PromotionSpec(
                List.of("staging", "prod"), Duration.ofMinutes(30), Map.of("prod", "production")));
  }

  @Test
  void withoutTheSectionThereIsNoChain() throws Exception {
    assertThat(loading().load(CatalogYaml.valid().text()).catalog().promotion())
        .isEqualTo(PromotionSpec.NONE);
  }

  @Test
  void unknownTwiceNamedAndTooShortChainsAreRefusedWithTheLine() {
    assertThat(loading().problems(CatalogYaml.valid().with("promotion", " [staging, prd]").text()))
        .singleElement()
        .asString()
        .contains("unknown environment 'prd'")
        .contains("did you mean 'prod'?");
    assertThat(
            loading().problems(CatalogYaml.valid().with("promotion", " [staging, staging]").text()))
        .singleElement()
        .asString()
        .contains("a zone is named twice");
    assertThat(loading().problems(CatalogYaml.valid().with("promotion", " [prod]").text()))
        .singleElement()
        .asString()
        .contains("a chain needs at least two zones, e.g. [staging, prod]");
  }

  @Test
  void zoneTagsOutsideTheChainOrLatestAreRefused() {
    String yaml =
        CatalogYaml.valid()
            .with(
                "promotion",
                "\n  chain: [staging, prod]\n  zone-tags: {qa: qa, prod: latest, staging: 'a b'}")
            .text();

    assertThat(loading().problems(yaml))
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("qa is not in the chain"))
        .anySatisfy(p -> assertThat(p).contains("'latest' names no fixed build"))
        .anySatisfy(p -> assertThat(p).contains("expected a tag such as production"));
  }
}
