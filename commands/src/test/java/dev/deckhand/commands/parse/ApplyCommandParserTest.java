package dev.deckhand.commands.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.TestCatalogs;
import dev.deckhand.commands.catalog.BundleSpec;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.command.Apply;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.model.Target;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ApplyCommandParserTest {
  private static final Target STAGING = new Target("staging", "coachpilot", "edge", "edge");

  private final CommandParser parser = new CommandParser(Engine.COMMANDS, catalog());

  static Catalog catalog() {
    Map<String, Target> at = new LinkedHashMap<>();
    at.put("staging", STAGING);
    return TestCatalogs.coachpilot()
        .withBundles(Map.of("edge", new BundleSpec("edge", Path.of("manifests/edge"), at)));
  }

  @Test
  void parsesABundleWithTheDefaultEnvironment() {
    Apply a = (Apply) parser.parse("/apply edge");
    assertThat(a.bundle().name()).isEqualTo("edge");
    assertThat(a.environment().name()).isEqualTo("staging");
    assertThat(a.target()).isEqualTo(STAGING);
    assertThat(a.service().name()).isEqualTo("edge");
    assertThat(a.action()).isEqualTo("apply");
    assertThat(a.dryRun()).isFalse();
    assertThat(a.breakGlass()).isEmpty();
  }

  @Test
  void parsesTheFlags() {
    Apply a = (Apply) parser.parse("/apply EDGE --env staging --dry-run --break-glass \"hotfix\"");
    assertThat(a.dryRun()).isTrue();
    assertThat(a.breakGlass()).isEqualTo("hotfix");
  }

  @Test
  void anUnknownBundleIsRefusedListingTheBundles() {
    refused("/apply egde")
        .hasMessage("there is no bundle 'egde'")
        .extracting(e -> ((UsageException) e).hint())
        .isEqualTo("bundles are: edge");
  }

  @Test
  void aCatalogWithoutBundlesSaysWhereToDeclareOne() {
    assertThatThrownBy(
            () ->
                new CommandParser(Engine.COMMANDS, TestCatalogs.coachpilot().withBundles(Map.of()))
                    .parse("/apply x"))
        .isInstanceOf(UsageException.class)
        .extracting(e -> ((UsageException) e).hint())
        .isEqualTo("the catalog declares no bundles: add one under bundles:");
  }

  @Test
  void anEnvironmentTheBundleIsNotInAndMissingArgumentsAreRefused() {
    refused("/apply edge --env prod").hasMessageContaining("prod");
    refused("/apply edge --env qa").hasMessage("there is no environment 'qa'");
    refused("/apply").hasMessageContaining("<bundle>");
    refused("/apply edge extra").hasMessageContaining("unexpected 'extra'");
    refused("/apply edge --break-glass \" \"").isInstanceOf(UsageException.class);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(String text) {
    return assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(UsageException.class);
  }
}
