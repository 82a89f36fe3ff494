package dev.deckhand.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.command.Deploy;
import dev.deckhand.commands.command.Reject;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.Flag;
import dev.deckhand.commands.parse.Tokenizer;
import gnu.trove.map.hash.TLongObjectHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.data.DataObject;
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
        .containsExactly("service", "tag-or-prefix", "env", "dry-run", "break-glass", "strategy");
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

  /** The shape of /scale, so that this holds before the command itself is registered. */
  private static final CommandSpec SCALE_LIKE =
      new CommandSpec(
          "scale",
          List.of("<service>", "<replicas>"),
          List.of(new Flag("env", "E", "the environment")),
          "set a deployment's replica count within the catalog's bounds",
          "/scale gateway 2",
          (args, catalog) -> {
            throw new UnsupportedOperationException("not parsed here");
          });

  @Test
  void replicasIsAnIntegerOptionFromZeroThatBecomesTheSameText() {
    SlashCommandData scale = SlashCommands.command(SCALE_LIKE, List.of("staging", "prod"));
    OptionData replicas =
        scale.getOptions().stream()
            .filter(o -> o.getName().equals("replicas"))
            .findFirst()
            .orElseThrow();

    assertThat(replicas.getType()).isEqualTo(OptionType.INTEGER);
    assertThat(replicas.isRequired()).isTrue();
    assertThat(replicas.getMinValue()).isEqualTo(0L);
    assertThat(replicas.getDescription()).isEqualTo("how many replicas");
    // Discord sends an integer option's value as a JSON number; the listener reads it as text.
    OptionMapping sent =
        new OptionMapping(
            DataObject.fromJson("{\"name\":\"replicas\",\"type\":4,\"value\":0}"),
            new TLongObjectHashMap<>(),
            null,
            null);
    assertThat(
            SlashCommands.text(
                SCALE_LIKE,
                Map.of("service", "gateway", "replicas", sent.getAsString(), "env", "prod")))
        .isEqualTo("/scale gateway 0 --env prod");
  }
}
