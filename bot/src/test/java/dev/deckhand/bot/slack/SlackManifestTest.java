package dev.deckhand.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.parse.CommandSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The Slack app manifest declares what the adapter registers and needs, no more, no less. */
class SlackManifestTest {
  private static final Path MANIFEST = Path.of("..", "config", "slack-app-manifest.yaml");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> map, String key) {
    return (Map<String, Object>) map.get(key);
  }

  private static Map<String, Object> manifest() throws IOException {
    return new Yaml().load(Files.readString(MANIFEST));
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyCommandIsASlashCommandAndSoIsDeckhand() throws IOException {
    List<Map<String, Object>> commands =
        (List<Map<String, Object>>) section(manifest(), "features").get("slash_commands");
    List<String> expected =
        Stream.concat(
                Engine.COMMANDS.stream().map(CommandSpec::name).map(n -> "/" + n),
                Stream.of("/deckhand"))
            .toList();
    assertThat(commands)
        .extracting(c -> (String) c.get("command"))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  @SuppressWarnings("unchecked")
  void scopesEventsAndSocketModeAreDeclared() throws IOException {
    Map<String, Object> m = manifest();
    List<String> scopes = (List<String>) section(section(m, "oauth_config"), "scopes").get("bot");
    assertThat(scopes)
        .containsExactlyInAnyOrder("commands", "chat:write", "reactions:read", "usergroups:read");
    Map<String, Object> settings = section(m, "settings");
    assertThat((List<String>) section(settings, "event_subscriptions").get("bot_events"))
        .containsExactlyInAnyOrder("reaction_added", "reaction_removed");
    assertThat(settings.get("socket_mode_enabled")).isEqualTo(true);
  }
}
