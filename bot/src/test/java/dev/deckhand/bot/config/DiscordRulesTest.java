package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat.discord}: the token by reference only, a guild id, optional proxy URLs. */
class DiscordRulesTest {
  @TempDir java.nio.file.Path dir;

  private static final Map<String, String> ENV = Map.of("DISCORD_TOKEN", "MTIz.discord.token");

  private static String yaml(String discord) {
    return CatalogYaml.valid()
        .with("chat", "\n  discord:" + discord)
        .with("roles", CatalogYaml.CHAT_ROLES)
        .text();
  }

  /** Lines 23 and 24 of the catalog: token, guild (chat: is line 21). */
  private static final String VALID =
      "\n    token: env:DISCORD_TOKEN" + "\n    guild: \"123456789012345678\"";

  private Loading loading() {
    return new Loading(dir).environment(ENV);
  }

  @Test
  void noDiscordSectionMeansNoDiscord() throws Exception {
    assertThat(loading().load(CatalogYaml.valid().text()).discord()).isEmpty();
  }

  @Test
  void tokenAndGuildAreRead() throws Exception {
    DiscordSettings discord = loading().load(yaml(VALID)).discord().orElseThrow();

    assertThat(discord.token()).isEqualTo("MTIz.discord.token");
    assertThat(discord.guild()).isEqualTo("123456789012345678");
    assertThat(discord.apiUrl()).isEmpty();
    assertThat(discord.gatewayUrl()).isEmpty();
    assertThat(discord.toString()).doesNotContain("MTIz");
  }

  @Test
  void theUrlsOfAProxyAreHttpsAndWss() throws Exception {
    DiscordSettings discord =
        loading()
            .load(
                yaml(
                    VALID
                        + "\n    api-url: \"https://proxy.example/api/v10\""
                        + "\n    gateway-url: \"wss://proxy.example/gateway\""))
            .discord()
            .orElseThrow();

    assertThat(discord.apiUrl()).isEqualTo(Optional.of("https://proxy.example/api/v10/"));
    assertThat(discord.gatewayUrl()).isEqualTo(Optional.of("wss://proxy.example/gateway/"));
    assertThat(discord.insecure()).isFalse();
    assertThat(discord.cleartextWarnings()).isEmpty();
  }

  @Test
  void plainHttpAndWsAreRefusedUnlessTheSectionSaysInsecure() throws Exception {
    String plain =
        VALID
            + "\n    api-url: \"http://127.0.0.1:9/api/v10\""
            + "\n    gateway-url: \"ws://127.0.0.1:10\"";
    assertThat(loading().problems(yaml(plain)))
        .containsExactly(
            "25: chat.discord.api-url: 'http://127.0.0.1:9/api/v10' sends the bot's token in"
                + " clear: use https://, or add insecure: true to this section (for a test"
                + " double on loopback only)",
            "26: chat.discord.gateway-url: 'ws://127.0.0.1:10' sends the bot's token in clear:"
                + " use wss://, or add insecure: true to this section (for a test double on"
                + " loopback only)");

    DiscordSettings discord =
        loading().load(yaml(plain + "\n    insecure: true")).discord().orElseThrow();
    assertThat(discord.apiUrl()).isEqualTo(Optional.of("http://127.0.0.1:9/api/v10/"));
    assertThat(discord.gatewayUrl()).isEqualTo(Optional.of("ws://127.0.0.1:10/"));
    assertThat(discord.cleartextWarnings())
        .containsExactly(
            "chat.discord.insecure is true: the Discord bot token travels in clear to"
                + " http://127.0.0.1:9/api/v10/ (chat.discord.api-url); use https and wss outside"
                + " a test",
            "chat.discord.insecure is true: the Discord bot token travels in clear to"
                + " ws://127.0.0.1:10/ (chat.discord.gateway-url); use https and wss outside a"
                + " test");
  }

  @Test
  void theTokenMustBeAReferenceAndIsNeverQuoted() {
    assertThat(loading().problems(yaml(VALID.replace("env:DISCORD_TOKEN", "MTIz.inline"))))
        .containsExactly(
            "23: chat.discord.token: write secrets as env:NAME or file:/path, never inline")
        .noneMatch(p -> p.contains("MTIz"));
  }

  @Test
  void aTokenFromAFileIsTrimmed() throws Exception {
    Files.writeString(dir.resolve("discord-token"), "MTIz.from.file\n");
    DiscordSettings discord =
        loading()
            .load(yaml(VALID.replace("env:DISCORD_TOKEN", "file:discord-token")))
            .discord()
            .orElseThrow();
    assertThat(discord.token()).isEqualTo("MTIz.from.file");
  }

  @Test
  void anUnsetVariableIsNamed() {
    assertThat(new Loading(dir).environment(Map.of()).problems(yaml(VALID)))
        .singleElement()
        .asString()
        .startsWith("23: chat.discord.token: env:DISCORD_TOKEN");
  }

  @Test
  void theGuildIsAnIdAndRequired() {
    assertThat(loading().problems(yaml(VALID.replace("\"123456789012345678\"", "my-server"))))
        .containsExactly(
            "24: chat.discord.guild: 'my-server' is not a guild id: copy the server's id (digits)"
                + " with Developer Mode on");
    assertThat(loading().problems(yaml("\n    token: env:DISCORD_TOKEN")))
        .singleElement()
        .asString()
        .contains("chat.discord.guild: required");
  }

  @Test
  void wrongUrlsAndUnknownKeysAreProblems() {
    assertThat(
            loading()
                .problems(
                    yaml(
                        VALID
                            + "\n    api-url: \"ws://127.0.0.1:9/\""
                            + "\n    gateway-url: \"http://127.0.0.1:9/\""
                            + "\n    insecure: true"
                            + "\n    intents: all")))
        .containsExactly(
            "25: chat.discord.api-url: 'ws://127.0.0.1:9/' is not a https URL, e.g."
                + " \"https://discord.com/api/v10/\"",
            "26: chat.discord.gateway-url: 'http://127.0.0.1:9/' is not a wss URL, e.g."
                + " \"wss://gateway.discord.gg/\"",
            "28: chat.discord: unknown key 'intents'; expected one of: token, guild, api-url,"
                + " gateway-url, insecure");
  }
}
