package dev.deckhand.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.command.Deploy;
import dev.deckhand.commands.command.Reject;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.parse.Tokenizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.junit.jupiter.api.Test;

/** The registry as slash commands, and a slash command's options back as parser text. */
class SlashCommandsTest {
  @Test
  void everyCommandOfTheRegistryIsOneSlashCommand() {
    List<SlashCommandData> commands =
        SlashCommands.commands(Engine.COMMANDS, List.of("staging", "prod"));
    assertThat(commands)
        .extracting(SlashCommandData::getName)
        .containsExactlyElementsOf(Engine.COMMANDS.stream().map(s -> s.name()).toList());
  }

  @Test
  void deployHasTypedRequiredAndOptionalOptionsWithEnvironmentChoices() {
    SlashCommandData deploy = SlashCommands.command(Deploy.SPEC, List.of("staging", "prod"));
    Map<String, OptionData> options = new LinkedHashMap<>();
    deploy.getOptions().forEach(o -> options.put(o.getName(), o));

    assertThat(options.keySet())
        .containsExactly("service", "tag-or-prefix", "env", "dry-run", "break-glass");
    assertThat(options.get("service").isRequired()).isTrue();
    assertThat(options.get("service").isAutoComplete()).isTrue();
    assertThat(options.get("tag-or-prefix").isAutoComplete()).isTrue();
    assertThat(options.get("env").isRequired()).isFalse();
    assertThat(options.get("env").getChoices())
        .extracting(c -> c.getAsString())
        .containsExactly("staging", "prod");
    assertThat(options.get("dry-run").getType()).isEqualTo(OptionType.BOOLEAN);
  }

  @Test
  void optionsBecomeTheTextTheParserReads() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("env", "prod");
    values.put("tag-or-prefix", "p10e-mmc-20260519");
    values.put("service", "gateway");
    values.put("dry-run", "true");
    values.put("break-glass", "peak \"hour\" fix");

    String text = SlashCommands.text(Deploy.SPEC, values);

    assertThat(text)
        .isEqualTo(
            "/deploy gateway p10e-mmc-20260519 --env prod --dry-run --break-glass"
                + " \"peak \\\"hour\\\" fix\"");
    assertThat(Tokenizer.split(text)).contains("peak \"hour\" fix");
  }

  @Test
  void aFalseBooleanAndMissingOptionalsAreLeftOut() {
    assertThat(SlashCommands.text(Deploy.SPEC, Map.of("service", "gw", "dry-run", "false")))
        .isEqualTo("/deploy gw");
    assertThat(SlashCommands.text(Reject.SPEC, Map.of("op", "12"))).isEqualTo("/reject 12");
  }
}
