package dev.deckhand.bot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Chat adapters only map events and render replies: they reach no integration directly. */
class ArchitectureTest {
  private final JavaClasses bot =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.deckhand.bot");

  @Test
  void chatAdaptersTouchNoIntegration() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.deckhand.bot.console..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.deckhand.kubernetes..",
            "dev.deckhand.kubesim..",
            "dev.deckhand.registry..",
            "dev.deckhand.prometheus..",
            "dev.deckhand.store..",
            "io.fabric8..",
            "dev.deckhand.bot.config..")
        .check(bot);
  }

  @Test
  void chatAdaptersNeverImportEachOther() {
    String[] adapters = {"console", "slack", "discord"};
    for (String adapter : adapters) {
      String[] others =
          java.util.Arrays.stream(adapters)
              .filter(a -> !a.equals(adapter))
              .map(a -> "dev.deckhand.bot." + a + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAnyPackage("dev.deckhand.bot." + adapter + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .check(bot);
    }
  }

  @Test
  void theDiscordAdapterReachesNoIntegrationDirectly() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.deckhand.bot.discord..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.deckhand.kubernetes..",
            "dev.deckhand.kubesim..",
            "dev.deckhand.registry..",
            "dev.deckhand.prometheus..",
            "dev.deckhand.store..",
            "io.fabric8..")
        .check(bot);
  }

  @Test
  void configLoadingKnowsNoIntegration() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.deckhand.bot.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.deckhand.kubernetes..",
            "dev.deckhand.kubesim..",
            "dev.deckhand.registry..",
            "dev.deckhand.prometheus..",
            "dev.deckhand.store..",
            "dev.deckhand.bot.console..")
        .check(bot);
  }
}
