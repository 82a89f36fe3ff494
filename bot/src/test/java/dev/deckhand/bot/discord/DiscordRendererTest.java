package dev.deckhand.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.deckhand.bot.GoldenFiles;
import dev.deckhand.bot.render.ReplySamples;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files (the embed JSON JDA sends, keys sorted, pretty-printed) for every reply kind. To
 * accept a deliberate change, run with {@code -Dgolden.update=true} and review the diff.
 */
class DiscordRendererTest {
  private static final GoldenFiles GOLDEN = new GoldenFiles("discord");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private final DiscordRenderer renderer = new DiscordRenderer();

  static List<String> kinds() {
    return List.copyOf(samples().keySet());
  }

  static Map<String, Reply> samples() {
    Map<String, Reply> samples =
        new LinkedHashMap<>(ReplySamples.all(new Actor("discord", "100000000000000001", "alice")));
    samples.put(
        "text-escaped", new Reply.Text("@everyone **bold** `code` _x_ <@1> stay plain text"));
    return samples;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void rendersEveryReplyKindAsItsGoldenFile(String kind) throws IOException {
    MessageEmbed embed = renderer.render(samples().get(kind));
    String rendered = JSON.writeValueAsString(embed.toData().toMap()) + "\n";
    GOLDEN.assertMatches(kind + ".json", rendered);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void staysWithinDiscordLimits(String kind) {
    MessageEmbed embed = renderer.render(samples().get(kind));
    assertThat(embed.isSendable()).isTrue();
    assertThat(embed.getLength()).isLessThanOrEqualTo(MessageEmbed.EMBED_MAX_LENGTH_BOT);
    assertThat(embed.getFields()).hasSizeLessThanOrEqualTo(25);
  }

  @Test
  void theColourSaysTheState() {
    assertThat(renderer.render(samples().get("operation-running")).getColorRaw())
        .isEqualTo(DiscordRenderer.BLUE);
    assertThat(renderer.render(samples().get("operation-final")).getColorRaw())
        .isEqualTo(DiscordRenderer.ORANGE);
    assertThat(renderer.render(samples().get("operation-pending-approval")).getColorRaw())
        .isEqualTo(DiscordRenderer.YELLOW);
    assertThat(renderer.render(samples().get("problem")).getColorRaw())
        .isEqualTo(DiscordRenderer.RED);
  }

  @Test
  void aStepListTooLongIsCutAndSaysHowManyAreLeft() {
    MessageEmbed embed = renderer.render(samples().get("operation-many-steps"));
    assertThat(embed.getDescription())
        .hasSizeLessThanOrEqualTo(DiscordRenderer.MAX_DESCRIPTION)
        .containsPattern("\n… \\d+ more steps$");
    assertThat(embed.getTitle()).hasSizeLessThanOrEqualTo(256);
    assertThat(embed.getFooter().getText()).isEqualTo("op 14 · running");
  }

  @Test
  void markdownAndMentionsFromChatStayPlainText() {
    String text = renderer.render(samples().get("text-escaped")).getDescription();
    assertThat(text).doesNotContain("@everyone").contains("\\*\\*bold\\*\\*");
  }
}
