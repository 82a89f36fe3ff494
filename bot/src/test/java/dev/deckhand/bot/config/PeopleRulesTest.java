package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.model.Actor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code people:}, roles listing people, and closed by default ({@code open:}). */
class PeopleRulesTest {
  @TempDir java.nio.file.Path dir;

  private static final Map<String, String> ENV =
      Map.of("DISCORD_TOKEN", "MTIz.discord.token", "SLACK_BOT_TOKEN", "xoxb-1-2-abc");
  private static final String DISCORD =
      "\n  discord: {token: env:DISCORD_TOKEN, guild: \"123456789012345678\"}";

  private Loading loading() {
    return new Loading(dir).environment(ENV);
  }

  @Test
  void aPersonLinksIdsAcrossPlatformsAndARoleListsPeople() throws Exception {
    String yaml =
        CatalogYaml.valid()
            .with(
                "people",
                "\n  bob: {slack: U024BE7LH, discord: \"987654321\", console: bob}"
                    + "\n  dave: {slack: W0DAVE42}")
            .with(
                "roles", "\n  release-managers: {people: [bob, dave], grants: [\"approve:prod\"]}")
            .with("chat", DISCORD)
            .text();

    Catalog catalog = loading().load(yaml).catalog();

    assertThat(catalog.people().named("bob").orElseThrow().ids())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("slack", "U024BE7LH", "discord", "987654321", "console", "bob"));
    assertThat(catalog.roles().get("release-managers").people()).containsExactly("bob", "dave");
    Actor bobOnDiscord = catalog.people().identify(new Actor("discord", "987654321", "bobby"));
    assertThat(bobOnDiscord.person()).isEqualTo("bob");
    assertThat(catalog.roles().get("release-managers").hasMember(bobOnDiscord)).isTrue();
    assertThat(catalog.open()).isFalse();
  }

  @Test
  void idsOfTheWrongShapeUnknownKeysAndSharedIdsAreRefusedWithTheirLine() {
    String yaml =
        CatalogYaml.valid()
            .with(
                "people",
                "\n  bob: {slack: S0614TZR7, discord: bob#1234}"
                    + "\n  dave: {slack: U024BE7LH, teams: dave}"
                    + "\n  erin: {slack: U024BE7LH}"
                    + "\n  frank: {}")
            .text();

    assertThat(loading().problems(yaml))
        .containsExactly(
            "22: people.bob.slack: 'S0614TZR7' is not a Slack user id such as U024BE7LH (a group"
                + " id S… belongs in a role's slack: list)",
            "22: people.bob.discord: 'bob#1234' is not a Discord user id, digits only, such as"
                + " 112233445566778899",
            "23: people.dave: unknown key 'teams'; expected one of: slack, discord, console",
            "24: people.erin.slack: slack id U024BE7LH is already dave's",
            "25: people.frank: give at least one id, e.g. {slack: U024BE7LH, discord:"
                + " \"112233445566778899\"}");
  }

  @Test
  void aRoleNamingAnUnknownPersonIsRefused() {
    String yaml =
        CatalogYaml.valid()
            .with("people", "\n  bob: {console: bob}")
            .with("roles", "\n  ops: {people: [bob, bobb], grants: [\"status:*\"]}")
            .text();

    assertThat(loading().problems(yaml))
        .containsExactly(
            "24: roles.ops.people: unknown person 'bobb' (did you mean 'bob'?); people are: bob");
  }

  @Test
  void aChatPlatformWithoutRolesIsRefusedSayingWhatToAdd() {
    String yaml = CatalogYaml.valid().with("chat", DISCORD).text();

    assertThat(loading().problems(yaml))
        .singleElement()
        .asString()
        .startsWith("22: chat.discord: a chat platform is configured but the catalog has no roles")
        .contains("add a roles: section", "open: true");
  }

  @Test
  void openTrueIsAcceptedWithAWarningNamingItsLine() throws Exception {
    String yaml = CatalogYaml.valid().with("chat", DISCORD).with("open", " true").text();

    LoadedConfig config = loading().load(yaml);

    assertThat(config.catalog().open()).isTrue();
    assertThat(config.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.line()).isEqualTo(23);
              assertThat(w.field()).isEqualTo("open");
              assertThat(w.message())
                  .contains("break-glass and approving in protected environments still need");
            });
  }

  @Test
  void theConsoleAloneMayGoWithoutRolesAndWithoutWarning() throws Exception {
    LoadedConfig config = loading().load(CatalogYaml.valid().text());

    assertThat(config.catalog().roles()).isEmpty();
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void openMustBeABoolean() {
    String yaml = CatalogYaml.valid().with("open", " yes").text();

    assertThat(loading().problems(yaml))
        .containsExactly("21: open: expected true or false, got 'yes'");
  }
}
