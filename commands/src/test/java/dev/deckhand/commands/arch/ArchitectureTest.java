package dev.deckhand.commands.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core knows no SDK: it talks to the world only through its ports. */
class ArchitectureTest {
  private final JavaClasses core =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.deckhand.commands");

  @Test
  void commandsDependsOnNoSdk() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8..",
            "org.postgresql..",
            "org.flywaydb..",
            "io.zonky..",
            "com.slack..",
            "net.dv8tion..",
            "com.github.dockerjava..",
            "net.schmizz..",
            "com.hierynomus..",
            "org.apache.sshd..",
            "org.yaml..",
            "java.sql..",
            "dev.deckhand.bot..",
            "dev.deckhand.kubernetes..",
            "dev.deckhand.kubesim..",
            "dev.deckhand.registry..",
            "dev.deckhand.store..")
        .check(core);
  }

  @Test
  void theChatModelKnowsNothingOfTheMachineryThatUsesIt() {
    noClasses()
        .that()
        .resideInAPackage("dev.deckhand.commands.chat..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.deckhand.commands.live..", "dev.deckhand.commands.engine..")
        .check(core);
  }
}
